// SPDX-License-Identifier: AGPL-3.0-or-later
import type { SigessConfig } from '../config/config';
import { AuditService } from '../modules/audit/audit';
import { asOwner, openDatabase, prepare } from '../platform';

const WHY = { link: 'its link to the previous entry does not match', hash: 'its content does not match its hash' } as const;

/** Walks the audit chain; exits non-zero and names the first broken entry when it has been tampered with. */
export async function auditVerifyCommand(config: SigessConfig): Promise<void> {
  const prepared = prepare(config);
  const db = await openDatabase(config);
  try {
    const result = await asOwner(prepared, db, (orm) => new AuditService().verify(orm.em.fork()));
    if (result.firstBroken) {
      process.stdout.write(
        `audit log BROKEN: ${result.checked} entries intact, then entry ${result.firstBroken.id}: ${WHY[result.firstBroken.reason]}\n`,
      );
      process.exitCode = 2;
    } else {
      process.stdout.write(`audit log intact: ${result.checked} entries verified\n`);
    }
  } finally {
    await db.stop();
  }
}
