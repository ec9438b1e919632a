// SPDX-License-Identifier: AGPL-3.0-or-later

/** The PUA's permissions, declared in package.json#sigess.permissions. */
export const PUA = {
  view: 'lazio.pua.view',
  record: 'lazio.pua.record',
  backOffice: 'lazio.back-office.view',
} as const;
