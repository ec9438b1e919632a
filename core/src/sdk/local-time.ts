// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Locale } from './context';
import { dateTimeFormat } from './formats';

/**
 * Desks work on Italy's clock, whatever the server's time zone: a contact at 00:30 belongs to the day
 * the operator lived, and "today's contacts" is the desk's day. The database has the same rule in
 * `core.local_today()`.
 */
export const LOCAL_TIME_ZONE = 'Europe/Rome';

/** The local calendar day, YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  return dateTimeFormat('en-CA', { timeZone: LOCAL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The local time as a `datetime-local` input shows it: YYYY-MM-DDTHH:mm. */
export function localInputValue(at: Date = new Date()): string {
  const parts = Object.fromEntries(
    dateTimeFormat('en-GB', {
      timeZone: LOCAL_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** A moment as an operator reads it: date and time on the local clock, in their language. */
export function formatDateTime(locale: Locale, at: Date | string): string {
  return dateTimeFormat(locale === 'en' ? 'en-GB' : 'it-IT', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: LOCAL_TIME_ZONE,
  }).format(new Date(at));
}

/** Only the time, for today's contacts. */
export function formatTime(locale: Locale, at: Date | string): string {
  return dateTimeFormat(locale === 'en' ? 'en-GB' : 'it-IT', { timeStyle: 'short', timeZone: LOCAL_TIME_ZONE }).format(new Date(at));
}

/** Whether an ISO date-time names its offset (`Z`, `+01:00`); without one it is local time. */
export const hasOffset = (value: string): boolean => /(Z|[+-]\d{2}:?\d{2})$/i.test(value);

/**
 * The SQL that turns a submitted date-time into a timestamptz: as given when it carries an offset, else
 * read on the local clock (a form's `datetime-local`). One placeholder.
 */
export function timestampSql(value: string): string {
  return hasOffset(value) ? '?::timestamptz' : `(?::timestamp at time zone '${LOCAL_TIME_ZONE}')`;
}
