// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';

/** The ORM filter every personal-data entity carries: rows of the request's organizations only. */
export const SCOPE_FILTER = 'orgScope';

/** What a request may see: the organization it acts in and that organization's descendants. */
export interface DataScope {
  readonly orgId: string | null;
  readonly orgs: readonly string[];
  /**
   * The operator acting, for need-to-know inside an organization (a cartella's team-only diary notes,
   * `core.request_operator()`); absent or null, nothing restricted to named operators is visible.
   */
  readonly operatorId?: string | null;
}

export const EMPTY_SCOPE: DataScope = { orgId: null, orgs: [] };

/**
 * Binds a transaction to a scope, twice over: PostgreSQL settings local to the
 * transaction, read by the row-level security policies, and the ORM filter's
 * parameters. Outside such a transaction no personal data is visible at all.
 */
export async function enterScope(em: EntityManager, scope: DataScope): Promise<void> {
  for (const id of scope.orgs) if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`not an organization id: ${id}`);
  await em.execute(
    `select set_config('sigess.org_id', ?, true), set_config('sigess.scope', ?, true), set_config('sigess.operator_id', ?, true)`,
    [scope.orgId ?? '', `{${scope.orgs.join(',')}}`, scope.operatorId ?? ''],
  );
  em.setFilterParams(SCOPE_FILTER, { orgs: scope.orgs });
}
