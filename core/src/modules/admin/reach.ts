// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RequestCtx } from '../../sdk/context';
import { ADMIN } from './permissions';

/**
 * Where a request may administer: the whole installation, or the
 * organization it acts in and everything below it. Organizations, plugin
 * choices and memberships outside the reach do not exist for the request.
 */
export type AdminReach =
  { readonly installation: true } | { readonly installation: false; readonly root: string | null; readonly orgs: ReadonlySet<string> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string | undefined): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export async function reachOf(ctx: RequestCtx): Promise<AdminReach> {
  if (ctx.can(ADMIN.installation)) return { installation: true };
  if (!ctx.org) return { installation: false, root: null, orgs: new Set() };
  // Read afresh, not from the request's cached scope: an organization created a moment ago is in reach at once.
  const rows = await ctx.em.execute<{ id: string }[]>(
    `with recursive down(id) as (
       select id from core.organization where id = ?
       union all
       select o.id from core.organization o join down on o.parent_id = down.id
     )
     select id::text as id from down`,
    [ctx.org.id],
  );
  return { installation: false, root: ctx.org.id, orgs: new Set(rows.map((r) => r.id)) };
}

export function reaches(reach: AdminReach, organizationId: string | null | undefined): boolean {
  if (!organizationId) return false;
  return reach.installation || reach.orgs.has(organizationId);
}

/** A SQL condition limiting an organization id column to the reach, with its one parameter (a uuid[] literal). */
export function withinReach(reach: AdminReach, column: string): { sql: string; params: string[] } {
  if (reach.installation) return { sql: 'true', params: [] };
  return { sql: `${column} = any (?::uuid[])`, params: [`{${[...reach.orgs].join(',')}}`] };
}
