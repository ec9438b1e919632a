// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';

/** The ORM filter every personal-data entity carries: rows of the request's organizations only. */
export const SCOPE_FILTER = 'orgScope';

/** What a request may see: the organization it acts in and that organization's descendants. */
export interface DataScope {
  readonly orgId: string | null;
  readonly orgs: readonly string[];
}

export const EMPTY_SCOPE: DataScope = { orgId: null, orgs: [] };

/**
 * Binds a transaction to a scope, twice over: PostgreSQL settings local to the
 * transaction, read by the row-level security policies, and the ORM filter's
 * parameters. Outside such a transaction no personal data is visible at all.
 */
export async function enterScope(em: EntityManager, scope: DataScope): Promise<void> {
  for (const id of scope.orgs) if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`not an organization id: ${id}`);
  await em.execute(`select set_config('sigess.org_id', ?, true), set_config('sigess.scope', ?, true)`, [
    scope.orgId ?? '',
    `{${scope.orgs.join(',')}}`,
  ]);
  em.setFilterParams(SCOPE_FILTER, { orgs: scope.orgs });
}
