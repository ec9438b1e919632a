// SPDX-License-Identifier: AGPL-3.0-or-later
import Router from '@koa/router';
import { pendingMigrations } from '../db/migrator';
import type { Platform } from '../platform';

/**
 * `/healthz`: the process answers. `/readyz`: the database answers and every
 * shipped migration is applied, so a load balancer sends traffic only then.
 */
export function healthRoutes(platform: Platform): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const em = platform.orm.em.fork();
    try {
      await em.execute('select 1');
      const pending = await pendingMigrations(em, platform.migrationOwners);
      ctx.status = pending.length ? 503 : 200;
      ctx.body = { status: pending.length ? 'migrations-pending' : 'ready', pending };
    } catch (error) {
      platform.log.warn({ err: error }, 'readiness check failed');
      ctx.status = 503;
      ctx.body = { status: 'database-unavailable' };
    }
  });
  return router;
}
