// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineKeyedPoint } from '../extension-point';

/**
 * A column that points at a person. When two registrations of one person are
 * merged, every such row moves to the surviving person in the same
 * transaction, and moves back if the merge is undone: a plugin that stores
 * person ids declares its columns here, and merges never leave its rows behind.
 */
export interface PersonReference {
  /** `<owner>.<what>`, e.g. `core.household-member`. */
  readonly id: string;
  /** Schema-qualified table: `plg_<plugin>.<table>`. */
  readonly table: string;
  /** The column holding the person's id. */
  readonly column: string;
  /** The table's primary key column (uuid or text), to move rows back on undo. */
  readonly key: string;
}

export const PersonReferences = defineKeyedPoint<PersonReference>('sigess.person-references', (r) => r.id);
