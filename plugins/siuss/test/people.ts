// SPDX-License-Identifier: AGPL-3.0-or-later
/** The people the SIUSS tests register through the API, and the day as the comune counts it. */

export const today = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());

/** Elsa Marini, born in Roma on 21/4/1939, Italian, living in Orvieto (a valid codice fiscale). */
export const ELSA = {
  surname: 'Marini',
  name: 'Elsa',
  sex: 'F',
  birthDate: '1939-04-21',
  birthPlaceCode: 'H501',
  codiceFiscale: 'MRNLSE39D61H501B',
  citizenships: ['100'],
  residence: { comuneCode: 'G148', street: 'Via del Duomo', houseNumber: '1' },
};

/** Someone registered without a residence nor a citizenship: INPS needs both, so the record waits, incomplete. */
export const NO_RESIDENCE = {
  surname: 'Senza',
  name: 'Residenza',
  sex: 'M',
  birthDate: '1950-01-01',
  birthPlaceCode: 'G148',
  codiceFiscale: 'SNZRDN50A01G148Y',
};

/** A request for home care (A2.02), ten hours a week from today to the end of the year: what the tests grant. */
export const homeCare = (cartellaId: string) => ({
  cartellaId,
  service: 'core.A2.02',
  quantity: 10,
  frequency: 'weekly',
  periodFrom: today(),
  periodTo: `${today().slice(0, 4)}-12-31`,
});
