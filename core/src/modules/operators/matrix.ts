// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { PermissionCatalogue } from '../../kernel/permissions';
import { StartupError } from '../../kernel/errors';
import { ANONYMOUS, CORE_ROLES } from './roles';

/** `operator` in a declaration's defaultRoles means every signed-in role: core's, the plugins' and the administrators'. */
function expand(roles: readonly string[], known: ReadonlySet<string>): string[] {
  const operators = [...known].filter((r) => r !== ANONYMOUS);
  return [...new Set(roles.flatMap((r) => (r === 'operator' ? operators : [r])))];
}

/** The matrix as stored now, role → permissions (uncached). */
export async function readGrants(em: EntityManager): Promise<Map<string, Set<string>>> {
  const rows = await em.execute<{ role_id: string; permission_id: string }[]>('select role_id, permission_id from core.role_permission');
  const grants = new Map<string, Set<string>>();
  for (const row of rows) {
    let set = grants.get(row.role_id);
    if (!set) grants.set(row.role_id, (set = new Set()));
    set.add(row.permission_id);
  }
  return grants;
}

/**
 * The role → permission matrix, as data. Each permission's declared default
 * roles are granted once, the first time an installation sees it; afterwards
 * only administrators change the matrix. Read through a short cache: several
 * app nodes share one database.
 */
export class RoleMatrix {
  private cache: { at: number; grants: ReadonlyMap<string, ReadonlySet<string>> } | null = null;

  constructor(
    private readonly catalogue: PermissionCatalogue,
    private readonly ttlMs = 5_000,
  ) {}

  /**
   * Creates the core roles and the enabled plugins' roles, and grants the defaults of permissions
   * never seen before. A plugin's role keeps its names up to date; an id another owner holds stops start-up.
   */
  async seed(em: EntityManager): Promise<void> {
    for (const role of CORE_ROLES) {
      await em.execute(`insert into core.role (id, name_it, name_en) values (?, ?, ?) on conflict (id) do nothing`, [
        role.id,
        role.it,
        role.en,
      ]);
    }
    for (const role of this.catalogue.roles()) {
      const [row] = await em.execute<{ owner: string }[]>(
        `insert into core.role (id, owner, name_it, name_en) values (?, ?, ?, ?)
         on conflict (id) do update set name_it = excluded.name_it, name_en = excluded.name_en where core.role.owner = excluded.owner
         returning owner`,
        [role.id, role.owner, role.name.it, role.name.en],
      );
      if (!row) throw StartupError.of(role.owner, `declares role "${role.id}", which already exists in this installation`);
    }
    const seen = new Set(
      (await em.execute<{ permission_id: string }[]>('select permission_id from core.permission_seeded')).map((r) => r.permission_id),
    );
    const known = new Set((await em.execute<{ id: string }[]>('select id from core.role')).map((r) => r.id));
    for (const permission of this.catalogue.all()) {
      if (seen.has(permission.id)) continue;
      for (const role of expand(permission.defaultRoles, known).filter((r) => known.has(r))) {
        await em.execute('insert into core.role_permission (role_id, permission_id) values (?, ?) on conflict do nothing', [
          role,
          permission.id,
        ]);
      }
      await em.execute('insert into core.permission_seeded (permission_id) values (?)', [permission.id]);
    }
    this.cache = null;
  }

  async load(em: EntityManager): Promise<ReadonlyMap<string, ReadonlySet<string>>> {
    if (this.cache && Date.now() - this.cache.at < this.ttlMs) return this.cache.grants;
    const grants = await readGrants(em);
    this.cache = { at: Date.now(), grants };
    return grants;
  }

  invalidate(): void {
    this.cache = null;
  }
}
