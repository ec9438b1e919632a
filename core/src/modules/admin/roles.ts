// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ANONYMOUS, CORE_ROLES } from '../operators/roles';
import { readGrants } from '../operators/matrix';
import { GUARDED_PERMISSIONS, RESERVED_PERMISSIONS, SYSTEM_ADMIN_ROLE } from './permissions';
import type { RoleCreate } from './schemas';

export interface AdminRole {
  readonly id: string;
  /** `core`, the id of the plugin that declares it, or `installation` for a role its administrators created. */
  readonly owner: string;
  readonly name: { readonly it: string; readonly en: string };
}

export type Grants = ReadonlyMap<string, ReadonlySet<string>>;

/** Owner of the roles an installation's administrators create. */
export const INSTALLATION_OWNER = 'installation';

const CORE_ORDER = new Map<string, number>(CORE_ROLES.map((r, i) => [r.id, i]));

/** A text[] literal of ids that hold neither commas, quotes nor braces (role and permission ids). */
const textArray = (ids: readonly string[]): string => `{${ids.join(',')}}`;

/** The matrix's version: a stale form or API call is refused instead of undoing someone else's change. */
export function matrixVersion(grants: Grants): string {
  const lines = [...grants].flatMap(([role, permissions]) => [...permissions].map((p) => `${role}:${p}`)).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
}

/** Roles and the role → permission matrix as administrators read and change them. */
export class RoleDirectory {
  /** Core's roles in their usual order, then the plugins' and the installation's, by id. */
  async list(em: EntityManager): Promise<AdminRole[]> {
    const rows = await em.execute<AdminRole[]>(
      `select id, owner, json_build_object('it', name_it, 'en', name_en) as name from core.role order by id`,
    );
    const rank = (r: AdminRole) => CORE_ORDER.get(r.id) ?? CORE_ROLES.length + (r.owner === INSTALLATION_OWNER ? 1 : 0);
    return rows.sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
  }

  async exists(em: EntityManager, id: string): Promise<boolean> {
    return (await em.execute('select 1 from core.role where id = ?', [id])).length > 0;
  }

  /** Creates a role of the installation; false when the id is taken. */
  async create(em: EntityManager, input: RoleCreate): Promise<boolean> {
    const rows = await em.execute(
      `insert into core.role (id, owner, name_it, name_en) values (?, ?, ?, ?) on conflict (id) do nothing returning id`,
      [input.id, INSTALLATION_OWNER, input.nameIt, input.nameEn],
    );
    return rows.length > 0;
  }

  /** The matrix as stored now (not the pipeline's short cache). */
  async grants(em: EntityManager): Promise<Grants> {
    return readGrants(em);
  }

  async apply(em: EntityManager, changes: { add: readonly [string, string][]; remove: readonly [string, string][] }): Promise<void> {
    for (const [role, permission] of changes.add) {
      await em.execute('insert into core.role_permission (role_id, permission_id) values (?, ?) on conflict do nothing', [
        role,
        permission,
      ]);
    }
    for (const [role, permission] of changes.remove) {
      await em.execute('delete from core.role_permission where role_id = ? and permission_id = ?', [role, permission]);
    }
  }

  /** Roles only an administrator of the whole installation may grant: the system administrator's, and any holding a reserved permission. */
  reserved(grants: Grants): ReadonlySet<string> {
    const reserved = new Set([SYSTEM_ADMIN_ROLE]);
    for (const [role, permissions] of grants) if (RESERVED_PERMISSIONS.some((p) => permissions.has(p))) reserved.add(role);
    return reserved;
  }

  /** Roles at least one active operator holds. */
  async heldRoles(em: EntityManager): Promise<ReadonlySet<string>> {
    const rows = await em.execute<{ role_id: string }[]>(
      'select distinct m.role_id from core.membership m join core.operator o on o.id = m.operator_id where o.active',
    );
    return new Set(rows.map((r) => r.role_id).filter((r) => r !== ANONYMOUS));
  }

  /** Guarded permissions no role held by an active operator would hold under these grants. */
  orphanedUnder(grants: Grants, held: ReadonlySet<string>): string[] {
    return GUARDED_PERMISSIONS.filter((p) => ![...held].some((role) => grants.get(role)?.has(p)));
  }

  /**
   * Guarded permissions no active operator would hold any longer without this
   * operator (deactivated) or this membership (removed).
   */
  async orphanedWithout(em: EntityManager, without: { operatorId?: string; membershipId?: string }): Promise<string[]> {
    const rows = await em.execute<{ permission: string }[]>(
      `select g.permission from unnest(?::text[]) g(permission)
       where not exists (
         select from core.role_permission rp
         join core.membership m on m.role_id = rp.role_id
         join core.operator o on o.id = m.operator_id
         where rp.permission_id = g.permission and o.active and m.role_id <> ?
           and (?::uuid is null or o.id <> ?::uuid) and (?::uuid is null or m.id <> ?::uuid))`,
      [
        textArray(GUARDED_PERMISSIONS),
        ANONYMOUS,
        without.operatorId ?? null,
        without.operatorId ?? null,
        without.membershipId ?? null,
        without.membershipId ?? null,
      ],
    );
    return rows.map((r) => r.permission);
  }
}
