// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AslData } from './types';

/**
 * Roma Capitale's fifteen Municipi (Deliberazione dell'Assemblea Capitolina n. 11/2013). Each is a distretto
 * socio-sanitario of its own, with a Piano sociale municipale, and coincides with one distretto sanitario of the
 * ASL of its quadrant: ASL Roma 1 (I, II, III, XIII, XIV, XV), ASL Roma 2 (IV–IX), ASL Roma 3 (X, XI, XII).
 */
export interface MunicipioData {
  /** 1–15. */
  readonly number: number;
  readonly roman: string;
  /** The neighbourhoods in its official name. */
  readonly area: string;
  readonly asl: 'asl-roma-1' | 'asl-roma-2' | 'asl-roma-3';
}

export const ROMA_MUNICIPI: readonly MunicipioData[] = [
  { number: 1, roman: 'I', area: 'Centro Storico', asl: 'asl-roma-1' },
  { number: 2, roman: 'II', area: 'Parioli/Nomentano', asl: 'asl-roma-1' },
  { number: 3, roman: 'III', area: 'Monte Sacro', asl: 'asl-roma-1' },
  { number: 4, roman: 'IV', area: 'Tiburtina', asl: 'asl-roma-2' },
  { number: 5, roman: 'V', area: 'Prenestino/Centocelle', asl: 'asl-roma-2' },
  { number: 6, roman: 'VI', area: 'Roma delle Torri', asl: 'asl-roma-2' },
  { number: 7, roman: 'VII', area: 'Appio-Latino/Tuscolano/Cinecittà', asl: 'asl-roma-2' },
  { number: 8, roman: 'VIII', area: 'Appia Antica', asl: 'asl-roma-2' },
  { number: 9, roman: 'IX', area: 'EUR', asl: 'asl-roma-2' },
  { number: 10, roman: 'X', area: 'Ostia/Acilia', asl: 'asl-roma-3' },
  { number: 11, roman: 'XI', area: 'Arvalia/Portuense', asl: 'asl-roma-3' },
  { number: 12, roman: 'XII', area: 'Monte Verde', asl: 'asl-roma-3' },
  { number: 13, roman: 'XIII', area: 'Aurelia', asl: 'asl-roma-1' },
  { number: 14, roman: 'XIV', area: 'Monte Mario', asl: 'asl-roma-1' },
  { number: 15, roman: 'XV', area: 'Cassia/Flaminia', asl: 'asl-roma-1' },
];

const pad = (n: number): string => String(n).padStart(2, '0');

/** The internal code of a Municipio's organization: `roma-municipio-07`. */
export const municipioCode = (m: MunicipioData): string => `roma-municipio-${pad(m.number)}`;

/** The internal code of the ASL distretto sanitario that coincides with a Municipio: `asl-roma-2-distretto-07`. */
export const municipioHealthDistrict = (m: MunicipioData): string => `${m.asl}-distretto-${pad(m.number)}`;

const ASL_NAMES = { 'asl-roma-1': 'ASL Roma 1', 'asl-roma-2': 'ASL Roma 2', 'asl-roma-3': 'ASL Roma 3' } as const;

/** The three ASLs of Roma Capitale and the distretti sanitari that coincide with the Municipi. */
export const ROMA_ASL: readonly AslData[] = (Object.keys(ASL_NAMES) as (keyof typeof ASL_NAMES)[]).map((asl) => ({
  code: asl,
  name: ASL_NAMES[asl],
  districts: ROMA_MUNICIPI.filter((m) => m.asl === asl).map((m) => ({
    code: municipioHealthDistrict(m),
    name: `${ASL_NAMES[asl]} – Distretto ${m.number} (Municipio ${m.roman})`,
  })),
}));
