// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ParameterizedContext } from 'koa';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OperatorRef, OrgRef } from '../sdk/context';
import type { Membership } from '../modules/operators/operators';
import { ANONYMOUS } from '../modules/operators/roles';
import type { Platform } from '../platform';
import { HttpError } from './problem';

export const SESSION_COOKIE = 'sigess_session';

/**
 * Who a request acts as: nobody, a browser session, a personal API token, or another system authenticated by a
 * plugin's service authenticator under its path prefix (`ServiceAuthenticators`, see `service-auth.ts`).
 */
export interface Principal {
  readonly kind: 'anonymous' | 'session' | 'token' | 'service';
  readonly operator: OperatorRef | null;
  /** The organization and role the request acts in; null for anonymous requests and for sessions still choosing. */
  readonly membership: Membership | null;
  readonly org: OrgRef | null;
  readonly sessionId: string | null;
  readonly roles: readonly string[];
  /** A service request's client, the organization it acts in and the role it acts with; absent otherwise. */
  readonly service?: {
    readonly clientId: string;
    readonly organizationId: string;
    readonly role: string;
    /** The purpose the client declared (a PDND purposeId), or null: the audit entries of the request carry it. */
    readonly purpose: string | null;
  };
}

function asOperatorRef(op: { id: string; displayName: string }, membership: Membership | null): OperatorRef {
  return { id: op.id, displayName: op.displayName, roles: membership ? [membership.roleId] : [] };
}

function orgOf(m: Membership): OrgRef {
  return { id: m.organizationId, code: m.organizationCode, name: m.organizationName };
}

/**
 * Resolves the principal: a Bearer token (API clients) or the session cookie
 * (browsers); otherwise an anonymous visitor of the default organization. A
 * session of an operator with exactly one membership acts in it at once.
 */
export async function resolvePrincipal(ctx: ParameterizedContext, platform: Platform, em: EntityManager): Promise<Principal> {
  const authorization = ctx.get('Authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const resolved = match ? await platform.apiTokens.resolve(em, match[1]!) : null;
    if (!resolved) throw new HttpError(401, 'core:errors.401.title', undefined, [], 'core:auth.errors.badToken');
    const operator = await platform.operators.find(em, resolved.operatorId);
    const membership = operator ? await platform.operators.membership(em, operator.id, resolved.membershipId) : null;
    if (!operator || !membership) throw new HttpError(401, 'core:errors.401.title', undefined, [], 'core:auth.errors.badToken');
    return {
      kind: 'token',
      operator: asOperatorRef(operator, membership),
      membership,
      org: orgOf(membership),
      sessionId: null,
      roles: [membership.roleId],
    };
  }
  const token = ctx.cookies.get(SESSION_COOKIE);
  const session = token ? await platform.sessions.resolve(em, token) : null;
  const operator = session ? await platform.operators.find(em, session.operatorId) : null;
  if (session && operator) {
    let membership = session.membershipId ? await platform.operators.membership(em, operator.id, session.membershipId) : null;
    if (!membership) {
      const all = await platform.operators.memberships(em, operator.id);
      if (all.length === 1) {
        membership = all[0]!;
        await platform.sessions.actAs(em, session.id, membership.id);
      }
    }
    return {
      kind: 'session',
      operator: asOperatorRef(operator, membership),
      membership,
      org: membership ? orgOf(membership) : null,
      sessionId: session.id,
      roles: membership ? [membership.roleId] : [],
    };
  }
  if (token) ctx.cookies.set(SESSION_COOKIE, null);
  return {
    kind: 'anonymous',
    operator: null,
    membership: null,
    org: await platform.currentOrganization(em),
    sessionId: null,
    roles: [ANONYMOUS],
  };
}
