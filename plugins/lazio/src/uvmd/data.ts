// SPDX-License-Identifier: AGPL-3.0-or-later
import { LAZIO_DISTRETTI } from '../territory/distretti';
import { ROMA_MUNICIPI, municipioCode, municipioHealthDistrict } from '../territory/roma';

/**
 * The UVMD (unità di valutazione multidimensionale distrettuale, L.R. 11/2016 art. 53): who sits in it, what it
 * decides, and the PAI it writes (art. 9). Codes here, words in the locales.
 */
export const MEMBER_SIDES = ['comune', 'asl'] as const;
export const MEMBER_ROLES = [
  'social-worker',
  'gp',
  'district-doctor',
  'nurse',
  'specialist',
  'psychologist',
  'rehabilitation-therapist',
  'educator',
  'service-manager',
] as const;
/** The instruments the team fills, contributed by this plugin as forms. */
export const UVMD_FORMS = ['lazio.svama', 'lazio.svamdi'] as const;
export const CLINICAL_STABILITY = ['stable', 'unstable', 'terminal'] as const;
export const NURSING_NEEDS = [
  'medication',
  'wound-care',
  'catheter',
  'artificial-nutrition',
  'ventilation',
  'pain',
  'rehabilitation',
] as const;
export const OUTCOMES = ['pai', 'no-socio-health-need', 'refer-health', 'refer-social'] as const;
export const CARE_SETTINGS = ['home', 'semi-residential', 'residential'] as const;
/** What the share opens to the health district, beside the cartella's summary: what the joint assessment needs. */
export const SHARED_PARTS = ['assessments', 'plan', 'diary'] as const;
/** A share lasts this long after the session unless the operator says otherwise: the assessment and its follow-up. */
export const DEFAULT_SHARE_DAYS = 90;

/**
 * The health district that sits in a UVMD for a cartella owned by this organization or one of its ancestors
 * (codes, nearest first): a Roma Municipio's coinciding district, or the one serving a distretto socio-sanitario.
 */
export function healthDistrictFor(codes: readonly string[]): string | null {
  for (const code of codes) {
    const municipio = ROMA_MUNICIPI.find((m) => municipioCode(m) === code);
    if (municipio) return municipioHealthDistrict(municipio);
    const distretto = LAZIO_DISTRETTI.find((d) => d.code === code);
    if (distretto) return distretto.healthDistrict;
  }
  return null;
}
