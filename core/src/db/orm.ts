// SPDX-License-Identifier: AGPL-3.0-or-later
import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { EntitySchema } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import type { Logger } from 'pino';

export interface OrmOptions {
  readonly url: string;
  readonly entities: readonly EntitySchema[];
  /** Connections in the pool; the embedded database serves exactly one. */
  readonly poolSize: number;
  /** Run every connection's queries as this role (SET ROLE), so row-level security binds them. */
  readonly role?: string;
  readonly log: Logger;
}

/**
 * Opens MikroORM on PostgreSQL. The owner connection (migrations, seeds) has
 * no role; the application's connection runs as the unprivileged role, set
 * on every new pooled connection before any query.
 */
export async function openOrm(options: OrmOptions): Promise<MikroORM> {
  const { role } = options;
  return MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: options.url,
    entities: [...options.entities],
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    allowGlobalContext: false,
    // Entities are explicit schemas, never guessed from TypeScript metadata.
    metadataProvider: undefined,
    debug: false,
    logger: (message) => options.log.debug({ orm: true }, message),
    pool: {
      min: 0,
      max: options.poolSize,
      ...(role
        ? {
            afterCreate(
              connection: { query(sql: string, cb: (error: Error | null) => void): void },
              done: (error: Error | null, connection: unknown) => void,
            ) {
              connection.query(`set role ${role}`, (error) => done(error, connection));
            },
          }
        : {}),
    },
  });
}
