// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes found missing by the benchmarks at a million people.
 *
 * Provisional codes (STP, ENI) had only a unique index over live records (`merged_into is null`). The
 * person search and the duplicate check also find merged aliases, so they could not use it; and since
 * PostgreSQL combines indexes for an OR only when every branch has one, each read all of core.person:
 * at a million people, 140 ms for one exact codice fiscale and 270–570 ms for a duplicate check. With
 * this index both take about a millisecond (bench/RESULTS.md, fix 5).
 *
 * A diary note lists the notes that correct it (`corrects_id`), which had no index: each of the cartella
 * page's last notes read the whole diary_note table, 80 ms each at a million people, and the page under
 * load timed out (fix 6).
 */
export class Migration20261124010000_lookup_indexes extends Migration {
  override up(): void {
    this.addSql('create index person_provisional_idx on core.person (provisional_code) where provisional_code is not null');
    this.addSql('create index diary_note_corrects_idx on core.diary_note (corrects_id) where corrects_id is not null');
  }

  override down(): void {
    this.addSql('drop index core.diary_note_corrects_idx');
    this.addSql('drop index core.person_provisional_idx');
  }
}
