// SPDX-License-Identifier: AGPL-3.0-or-later
import type { SigessConfig } from '../config/config';
import { migrate, migrateAndSeedDemo, openDatabase, prepare } from '../platform';

export async function migrateCommand(config: SigessConfig): Promise<void> {
  const prepared = prepare(config);
  const db = await openDatabase(config);
  try {
    const results = await migrate(prepared, db);
    for (const r of results) {
      process.stdout.write(`${r.owner}: ${r.applied.length ? `applied ${r.applied.join(', ')}` : 'up to date'}\n`);
    }
  } finally {
    await db.stop();
  }
}

export async function seedCommand(config: SigessConfig): Promise<void> {
  const prepared = prepare(config);
  const db = await openDatabase(config);
  try {
    const added = await migrateAndSeedDemo(prepared, db);
    process.stdout.write(added ? `demo data: ${added} row(s) added\n` : 'demo data: already present, nothing added\n');
  } finally {
    await db.stop();
  }
}
