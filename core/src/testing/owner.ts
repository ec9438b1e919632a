// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Platform } from '../platform';

/**
 * Runs `work` as the database owner, past row-level security, in one transaction: what a test sets up or checks
 * behind the application's back, never what a user may see. The application role comes back at the end; a failure
 * rolls the transaction back, and the role with it.
 */
export async function asOwner<R>(app: { readonly platform: Platform }, work: (em: EntityManager) => Promise<R>): Promise<R> {
  return app.platform.orm.em.fork().transactional(async (tx) => {
    await tx.execute('reset role');
    const result = await work(tx);
    await tx.execute(`set role ${app.platform.config.appRole}`);
    return result;
  });
}
