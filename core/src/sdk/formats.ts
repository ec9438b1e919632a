// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * Shared `Intl` formatters. Building one costs far more than formatting with it (a cartella page formats
 * hundreds of dates and amounts: building a formatter each time was a tenth of its server time), and they
 * are immutable, so each locale and option set is built once and kept.
 */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

export function dateTimeFormat(tag: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  const key = `${tag} ${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (!format) dateTimeFormats.set(key, (format = new Intl.DateTimeFormat(tag, options)));
  return format;
}

export function numberFormat(tag: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${tag} ${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(tag, options)));
  return format;
}

/** A month (`YYYY-MM`) as people read it in `tag`'s language: "luglio 2026", "July 2026". */
export function monthName(tag: string, month: string): string {
  return dateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}
