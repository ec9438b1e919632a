// SPDX-License-Identifier: AGPL-3.0-or-later

/** Full years from a birth date to a date (both ISO): the age the law counts, birthday included. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
