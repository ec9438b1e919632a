// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrganizationCreate, OrganizationKind } from './schemas';
import { isUuid, withinReach, type AdminReach } from './reach';

export interface AdminOrganization {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly kind: OrganizationKind;
  readonly subkind: string | null;
  readonly parentId: string | null;
  readonly istatCode: string | null;
  readonly belfioreCode: string | null;
}

/** Someone holding a role in an organization, as its page lists them. */
export interface OrganizationMember {
  readonly membershipId: string;
  readonly operatorId: string;
  readonly username: string;
  readonly displayName: string;
  readonly active: boolean;
  readonly roleId: string;
  readonly roleName: { readonly it: string; readonly en: string };
}

/** An explicit plugin choice on the organization or one of its ancestors (depth 0 is the organization itself). */
export interface PluginChoiceRow {
  readonly pluginId: string;
  readonly active: boolean;
  readonly depth: number;
  readonly organizationId: string;
  readonly organizationName: string;
}

const COLUMNS = `o.id::text as id, o.code, o.name, o.kind, o.subkind, o.parent_id::text as "parentId",
  o.istat_code as "istatCode", o.belfiore_code as "belfioreCode"`;

/** The organization tree as administrators read and change it, always within their reach. */
export class OrganizationDirectory {
  async list(em: EntityManager, reach: AdminReach): Promise<AdminOrganization[]> {
    const scope = withinReach(reach, 'o.id');
    return em.execute<AdminOrganization[]>(`select ${COLUMNS} from core.organization o where ${scope.sql} order by o.name, o.code`, [
      ...scope.params,
    ]);
  }

  async find(em: EntityManager, reach: AdminReach, id: string | undefined): Promise<AdminOrganization | null> {
    if (!isUuid(id)) return null;
    const scope = withinReach(reach, 'o.id');
    const [row] = await em.execute<AdminOrganization[]>(`select ${COLUMNS} from core.organization o where o.id = ? and ${scope.sql}`, [
      id,
      ...scope.params,
    ]);
    return row ?? null;
  }

  /** A current comune of the territory reference data, by cadastral code. */
  async comune(em: EntityManager, belfioreCode: string): Promise<{ istatCode: string; name: string } | null> {
    const [row] = await em.execute<{ istatCode: string; name: string }[]>(
      `select istat_code as "istatCode", name from core.municipality where belfiore_code = ? and valid_to is null and istat_code is not null`,
      [belfioreCode],
    );
    return row ?? null;
  }

  async codeTaken(em: EntityManager, code: string): Promise<boolean> {
    return (await em.execute('select 1 from core.organization where code = ?', [code])).length > 0;
  }

  /** Whether an organization already stands for this comune: one installation keeps one per comune. */
  async comuneTaken(em: EntityManager, belfioreCode: string): Promise<boolean> {
    return (await em.execute(`select 1 from core.organization where kind = 'comune' and belfiore_code = ?`, [belfioreCode])).length > 0;
  }

  async create(em: EntityManager, input: OrganizationCreate, istatCode: string | null): Promise<string> {
    const [row] = await em.execute<{ id: string }[]>(
      `insert into core.organization (code, name, kind, subkind, parent_id, istat_code, belfiore_code)
       values (?, ?, ?, ?, ?, ?, ?) returning id::text as id`,
      [input.code, input.name, input.kind, input.subkind ?? null, input.parentId ?? null, istatCode, input.belfioreCode ?? null],
    );
    return row!.id;
  }

  async rename(em: EntityManager, id: string, name: string): Promise<void> {
    await em.execute('update core.organization set name = ? where id = ?', [name, id]);
  }

  async members(em: EntityManager, organizationId: string): Promise<OrganizationMember[]> {
    return em.execute<OrganizationMember[]>(
      `select m.id::text as "membershipId", op.id::text as "operatorId", op.username, op.display_name as "displayName", op.active,
              m.role_id as "roleId", json_build_object('it', r.name_it, 'en', r.name_en) as "roleName"
       from core.membership m join core.operator op on op.id = m.operator_id join core.role r on r.id = m.role_id
       where m.organization_id = ? order by op.display_name, r.id`,
      [organizationId],
    );
  }

  /** Explicit plugin choices on the organization and its ancestors, nearest first. */
  async pluginChoices(em: EntityManager, organizationId: string): Promise<PluginChoiceRow[]> {
    return em.execute<PluginChoiceRow[]>(
      `with recursive up(id, parent_id, depth) as (
         select id, parent_id, 0 from core.organization where id = ?
         union all
         select o.id, o.parent_id, up.depth + 1 from core.organization o join up on o.id = up.parent_id
       )
       select p.plugin_id as "pluginId", p.active, up.depth, o.id::text as "organizationId", o.name as "organizationName"
       from core.organization_plugin p join up on up.id = p.organization_id join core.organization o on o.id = up.id
       order by up.depth`,
      [organizationId],
    );
  }
}
