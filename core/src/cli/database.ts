// SPDX-License-Identifier: AGPL-3.0-or-later
import type { SigessConfig } from '../config/config';
import { migrate, openDatabase, prepare, seedDemo } from '../platform';

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
    await migrate(prepared, db);
    const added = await seedDemo(prepared, db);
    process.stdout.write(added ? `demo data: ${added} row(s) added\n` : 'demo data: already present, nothing added\n');
  } finally {
    await db.stop();
  }
}
