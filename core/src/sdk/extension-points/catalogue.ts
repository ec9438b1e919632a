// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineKeyedPoint } from '../extension-point';

/**
 * The ISTAT macro-areas of the survey of comuni's social services: every intervention is a service,
 * a transfer of money, or a place in a structure (also the first letter of the INPS prestazione codes:
 * A2, A1, A3).
 */
export const MACRO_AREAS = ['interventi-servizi', 'trasferimenti-denaro', 'strutture'] as const;
export type MacroArea = (typeof MACRO_AREAS)[number];

/** What a service is measured in when it is delivered: hours of home care, days in a centre, meals, euro paid… */
export const CATALOGUE_UNITS = ['hours', 'days', 'meals', 'euro', 'accesses', 'months'] as const;
export type CatalogueUnit = (typeof CATALOGUE_UNITS)[number];

/** A text given in both languages of the UI, for entries that come from data rather than from a plugin's strings. */
export interface LocalizedText {
  readonly it: string;
  readonly en: string;
}

/**
 * One requirement of a service: an eligibility rule (`EligibilityRules`, by id) with its parameters,
 * which the rule's own `params` schema validates (`{ rule: 'core.isee-ceiling', params: { types: ['ordinario'], max: 15000 } }`).
 */
export interface Requirement {
  readonly rule: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

/** A service or measure that organizations can offer (a row of the service catalogue). */
export interface CatalogueEntry {
  /** Unique code, prefixed with the contributor's id: `hello.welcome-visit`. */
  readonly code: string;
  /** Its name, an i18n key in the contributor's namespace; or `label`, the name in both languages, for entries loaded from data. */
  readonly nameKey?: string;
  readonly label?: LocalizedText;
  readonly descriptionKey?: string;
  /** Area of need (area di utenza), a code of the `core.areas` code list (e.g. `anziani`). */
  readonly area: string;
  /** ISTAT macro-area; absent only for residual entries such as "Altro". */
  readonly macroArea?: MacroArea;
  /** The unit deliveries are counted in. */
  readonly unit: CatalogueUnit;
  /**
   * The three code systems an entry may carry side by side: the INPS/SIUSS prestazione code (`A2.07`),
   * the ISTAT / interregional nomenclature class, and the region's own catalogue code.
   */
  readonly inpsCode?: string;
  readonly istatCode?: string;
  readonly regionalCode?: string;
  /** ISO dates bounding when the entry can be requested. */
  readonly validFrom?: string;
  readonly validTo?: string;
  /** The requirements checked before the service is requested; an organization's offer may replace them. */
  readonly requirements?: readonly Requirement[];
}
export const CatalogueEntries = defineKeyedPoint<CatalogueEntry>('sigess.catalogue-entries', (e) => e.code);
