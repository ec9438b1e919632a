// SPDX-License-Identifier: AGPL-3.0-or-later
import type { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import type { Logger } from 'pino';
import { StartupError } from '../kernel/errors';

/** Core or a plugin: each owns a schema and logs its migrations in its own table there. */
export interface MigrationOwner {
  readonly id: string;
  readonly schema: string;
  readonly migrations: readonly MigrationObject[];
}

export const MIGRATION_TABLE = 'sigess_migrations';

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe SQL identifier "${name}"`);
  return `"${name}"`;
}

/** The role application queries run under: no login, no ownership, only the grants below. */
async function ensureAppRole(em: EntityManager, role: string): Promise<void> {
  await em.execute(
    // Roles are cluster-wide: another database on the same server may be creating it right now.
    `do $$ begin
       if not exists (select from pg_roles where rolname = '${role}') then create role ${quoteIdent(role)} nologin; end if;
     exception when duplicate_object or unique_violation then null;
     end $$`,
  );
}

/** Lets the application role use what an owner's migrations created, now and later. */
async function grantSchema(em: EntityManager, schema: string, role: string): Promise<void> {
  const s = quoteIdent(schema);
  const r = quoteIdent(role);
  await em.execute(
    `grant usage on schema ${s} to ${r};
     grant select, insert, update, delete on all tables in schema ${s} to ${r};
     grant usage, select on all sequences in schema ${s} to ${r};
     alter default privileges in schema ${s} grant select, insert, update, delete on tables to ${r};
     alter default privileges in schema ${s} grant usage, select on sequences to ${r};
     revoke all on ${s}.${MIGRATION_TABLE} from ${r};
     grant select on ${s}.${MIGRATION_TABLE} to ${r};`,
  );
}

/**
 * Runs each owner's pending migrations, core first, then plugins in
 * dependency order; each owner in one transaction (all or nothing). The
 * schema is only ever changed here, never synchronised from entities.
 */
export async function runMigrations(
  orm: MikroORM,
  owners: readonly MigrationOwner[],
  appRole: string,
  log: Logger,
): Promise<{ owner: string; applied: string[] }[]> {
  const em = orm.em.fork();
  await ensureAppRole(em, appRole);
  const results: { owner: string; applied: string[] }[] = [];
  for (const owner of owners) {
    await em.execute(`create schema if not exists ${quoteIdent(owner.schema)}`);
    orm.config.set('migrations', {
      ...orm.config.get('migrations'),
      tableName: `${owner.schema}.${MIGRATION_TABLE}`,
      migrationsList: [...owner.migrations],
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    });
    const migrator = new Migrator(orm.em);
    try {
      const applied = await migrator.up();
      results.push({ owner: owner.id, applied: applied.map((m) => m.name) });
      if (applied.length) log.info({ owner: owner.id, applied: applied.map((m) => m.name) }, 'migrations applied');
    } catch (error) {
      throw StartupError.of(owner.id, `migration failed, nothing of it was applied: ${(error as Error).message}`);
    }
    await grantSchema(em, owner.schema, appRole);
  }
  return results;
}

/** Migrations shipped but not yet applied, per owner (reads only the log tables). */
export async function pendingMigrations(
  em: EntityManager,
  owners: readonly MigrationOwner[],
): Promise<{ owner: string; pending: string[] }[]> {
  const result: { owner: string; pending: string[] }[] = [];
  for (const owner of owners) {
    const exists = await em.execute<{ found: string | null }[]>(`select to_regclass('${owner.schema}.${MIGRATION_TABLE}')::text as found`);
    const applied = new Set<string>();
    if (exists[0]?.found) {
      const rows = await em.execute<{ name: string }[]>(`select name from ${quoteIdent(owner.schema)}.${MIGRATION_TABLE}`);
      rows.forEach((row) => applied.add(row.name));
    }
    const pending = owner.migrations.map((m) => m.name).filter((name) => !applied.has(name));
    if (pending.length) result.push({ owner: owner.id, pending });
  }
  return result;
}
