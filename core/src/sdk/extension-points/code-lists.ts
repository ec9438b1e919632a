// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineKeyedPoint } from '../extension-point';

export interface CodeListEntry {
  readonly code: string;
  readonly label: { readonly it: string; readonly en: string };
  readonly validFrom?: string;
  readonly validTo?: string;
}

/** A controlled vocabulary: codes, never free text, in records. */
export interface CodeList {
  /** `core.areas`, `hello.moods`… */
  readonly id: string;
  readonly version: number;
  readonly entries: readonly CodeListEntry[];
}
export const CodeLists = defineKeyedPoint<CodeList>('sigess.code-lists', (l) => l.id);
