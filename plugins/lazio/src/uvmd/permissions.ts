// SPDX-License-Identifier: AGPL-3.0-or-later

/** The UVMD's permissions, declared in package.json#sigess.permissions. */
export const UVMD = {
  /** Reading sessions and the assessments made with the UVMD's forms. */
  view: 'lazio.uvmd.view',
  /** Filling SVAMA, SVAMDi and the gravissima form. */
  assess: 'lazio.uvmd.assess',
  /** Scheduling a session, which shares the cartella with the health district, and ending that share. */
  schedule: 'lazio.uvmd.schedule',
  /** The health part, by the ASL's members. */
  health: 'lazio.uvmd.health',
  /** Recording the outcome and the PAI. */
  decide: 'lazio.uvmd.decide',
} as const;
