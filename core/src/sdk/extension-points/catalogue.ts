// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineKeyedPoint } from '../extension-point';

/** A service or measure that organizations can offer (a row of the service catalogue). */
export interface CatalogueEntry {
  /** Unique code, prefixed with the contributor's id: `hello.welcome-visit`. */
  readonly code: string;
  readonly nameKey: string;
  readonly descriptionKey?: string;
  /** Area of need, a code of the `core.areas` code list (e.g. `anziani`). */
  readonly area: string;
  /** Code in the national nomenclature (SIUSS prestazione), when the service has one. */
  readonly nationalCode?: string;
  /** ISO dates bounding when the entry can be requested. */
  readonly validFrom?: string;
  readonly validTo?: string;
  /** Ids of the eligibility rules checked before the service is granted. */
  readonly eligibilityRules?: readonly string[];
}
export const CatalogueEntries = defineKeyedPoint<CatalogueEntry>('sigess.catalogue-entries', (e) => e.code);
