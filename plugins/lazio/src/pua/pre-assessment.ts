// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * The PUA's pre-assessment (pre-valutazione): six questions the front office asks to tell a simple need, which
 * information or orientation answers, from a complex socio-health one, which goes to the back office for a
 * multidimensional assessment (UVMD, L.R. 11/2016 art. 53). Data, not code: the items, their points and the
 * bands are here; the page, the validation and the score are built from them.
 */
export interface PreAssessmentItem {
  readonly id: string;
  /** Three levels, scored 0, 1, 2: the higher, the greater the need. */
  readonly levels: readonly [string, string, string];
}

export const PRE_ASSESSMENT: readonly PreAssessmentItem[] = [
  { id: 'health', levels: ['stable', 'monitoring', 'unstable'] },
  { id: 'daily-living', levels: ['independent', 'partly-dependent', 'dependent'] },
  { id: 'mobility', levels: ['alone', 'with-help', 'bedridden'] },
  { id: 'cognition', levels: ['intact', 'mild', 'severe'] },
  { id: 'support-network', levels: ['adequate', 'partial', 'absent'] },
  { id: 'housing-income', levels: ['adequate', 'difficult', 'severe'] },
];

/** The bands of the score (0–12), inclusive, each with the path it suggests. */
export const PRE_ASSESSMENT_BANDS = [
  { id: 'simple', from: 0, to: 3, suggests: 'orientation' },
  { id: 'to-assess', from: 4, to: 7, suggests: 'orientation' },
  { id: 'complex', from: 8, to: 12, suggests: 'back-office' },
] as const;
export type PreAssessmentBand = (typeof PRE_ASSESSMENT_BANDS)[number]['id'];

/** The points of one answer: the index of its level. */
export function scoreOf(answers: Readonly<Record<string, string>>): { score: number; band: PreAssessmentBand } {
  const score = PRE_ASSESSMENT.reduce((sum, item) => sum + Math.max(0, item.levels.indexOf(answers[item.id] ?? '')), 0);
  return { score, band: PRE_ASSESSMENT_BANDS.find((b) => score >= b.from && score <= b.to)!.id };
}

/** PUA-D (at the distretto, run with the ASL) and PUA-C (at a comune or Municipio). */
export const PUA_LEVELS = ['distrettuale', 'comunale'] as const;
/** Who asked for the access. */
export const REQUESTERS = ['self', 'family', 'gp', 'hospital', 'social-services', 'other'] as const;
/** The socio-health needs the scheda records, on top of core's needs. */
export const SOCIO_HEALTH_NEEDS = [
  'home-care',
  'integrated-home-care',
  'semi-residential',
  'residential',
  'rehabilitation',
  'palliative',
  'protected-discharge',
  'disability-support',
  'dementia',
  'mental-health',
] as const;
/** How the front office closes the access: it answers (information, orientation) or sends it to the back office. */
export const PUA_OUTCOMES = ['information', 'orientation', 'back-office'] as const;
