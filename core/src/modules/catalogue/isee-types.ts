// SPDX-License-Identifier: AGPL-3.0-or-later
import type { IseeType } from '../../sdk/extension-points/eligibility';

/**
 * The ISEE types as INPS names them. Terms of art, so the same words in both languages of the UI
 * ("ISEE socio-sanitario residenziale"), as the glossary keeps them.
 */
export const ISEE_TYPE_NAMES: Readonly<Record<IseeType, string>> = {
  ordinario: 'ordinario',
  minorenni: 'minorenni',
  'socio-sanitario': 'socio-sanitario',
  'socio-sanitario-residenziale': 'socio-sanitario residenziale',
  universitario: 'universitario',
  corrente: 'corrente',
};
