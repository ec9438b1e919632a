// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Locale } from '../../sdk/context';
import type { EligibilityFormat } from '../../sdk/extension-points/eligibility';
import { dateTimeFormat, numberFormat } from '../../sdk/formats';

const INTL: Record<Locale, string> = { it: 'it-IT', en: 'en-GB' };

/**
 * Money, dates, measures and lists as an operator reads them in their language: whole euro without cents
 * ("15.000 €", "9.120 €"), dates as day/month/year ("31/12/2026"), measures with a decimal comma ("9,5"),
 * lists joined with "o"/"e".
 */
export function formatFor(locale: Locale): EligibilityFormat {
  const tag = INTL[locale];
  // Grouping always: CLDR's Italian leaves four digits ungrouped ("9120 €"), which reads as a typo beside "12.300 €".
  const whole = numberFormat(tag, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0, useGrouping: 'always' });
  const cents = numberFormat(tag, { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, useGrouping: 'always' });
  const measure = numberFormat(tag, { maximumFractionDigits: 2, useGrouping: 'always' });
  const day = dateTimeFormat(tag, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
  const or = new Intl.ListFormat(tag, { type: 'disjunction' });
  const and = new Intl.ListFormat(tag, { type: 'conjunction' });
  return {
    money: (euro) => (Number.isInteger(euro) ? whole : cents).format(euro),
    date: (iso) => {
      const date = new Date(`${iso}T00:00:00Z`);
      return Number.isNaN(date.getTime()) ? iso : day.format(date);
    },
    number: (value) => measure.format(value),
    list: (items, kind = 'or') => (kind === 'or' ? or : and).format(items),
  };
}
