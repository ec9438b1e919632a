// SPDX-License-Identifier: AGPL-3.0-or-later
import type { MikroORM } from '@mikro-orm/postgresql';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';

/** What pg-boss needs of a database: one statement at a time. */
interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

interface PooledClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * pg-boss on the application's own pool, for the embedded database that
 * serves one connection. That connection runs as the unprivileged role; the
 * queue's tables belong to the owner, so each statement of the queue leaves
 * the role for its duration and takes it back after.
 */
export function sharedPoolExecutor(orm: MikroORM, appRole: string): SqlExecutor {
  const client = orm.em.getConnection().getKnex().client as {
    acquireConnection(): Promise<PooledClient>;
    releaseConnection(connection: PooledClient): Promise<void>;
  };
  return {
    async executeSql(text, values) {
      const connection = await client.acquireConnection();
      try {
        await connection.query('reset role');
        return await connection.query(text, values);
      } finally {
        await connection.query(`set role ${appRole}`).catch(() => undefined);
        await client.releaseConnection(connection);
      }
    },
  };
}

export interface JobQueueOptions {
  /** A PostgreSQL server: the queue opens a small pool of its own, as the owner. */
  readonly url?: string;
  /** Or the embedded database's single connection (see `sharedPoolExecutor`). */
  readonly executor?: SqlExecutor;
  readonly log: Logger;
}

export type JobHandler<T extends object> = (data: T) => Promise<void>;

/**
 * Background work on PostgreSQL itself (pg-boss): jobs sent by requests,
 * schedules in cron syntax (Europe/Rome), retried on failure, run once across
 * every node of a cluster. Not an in-process timer: a restart loses nothing,
 * and two nodes do not both run a schedule.
 */
export class JobQueue {
  private readonly boss: PgBoss;
  private started = false;

  constructor(options: JobQueueOptions) {
    this.boss = new PgBoss({
      ...(options.executor ? { db: options.executor } : { connectionString: options.url, max: 2, application_name: 'sigess-jobs' }),
      schema: 'pgboss',
      migrate: true,
    });
    this.boss.on('error', (error) => options.log.error({ err: error }, 'job queue error'));
  }

  async start(): Promise<void> {
    await this.boss.start();
    this.started = true;
  }

  /** A queue must exist before anything is sent to it or scheduled on it. */
  private async queue(name: string): Promise<void> {
    if (!(await this.boss.getQueue(name))) await this.boss.createQueue(name, { name, retryLimit: 3, retryBackoff: true });
  }

  async work<T extends object>(name: string, handler: JobHandler<T>): Promise<void> {
    await this.queue(name);
    await this.boss.work<T>(name, { pollingIntervalSeconds: 2 }, async (jobs) => {
      for (const job of jobs) await handler(job.data);
    });
  }

  /** Runs `name` on this cron schedule (Europe/Rome time). */
  async schedule(name: string, cron: string, data: object = {}): Promise<void> {
    await this.queue(name);
    await this.boss.schedule(name, cron, data, { tz: 'Europe/Rome' });
  }

  async send(name: string, data: object): Promise<string | null> {
    await this.queue(name);
    return this.boss.send(name, data);
  }

  /** Waits for the jobs under way, then stops polling. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}
