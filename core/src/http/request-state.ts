// SPDX-License-Identifier: AGPL-3.0-or-later
import type Koa from 'koa';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditEvent, Locale, RequestCtx } from '../sdk/context';
import { localPath } from '../sdk/input';
import type { OrgView } from '../kernel/registry';
import type { AuditActor } from '../modules/audit/audit';
import type { Principal } from './principal';
import type { ServiceGuard } from './service-auth';
import type { DataScope } from '../db/scope';
import type { Look } from '../views/looks';

/** What the pipeline keeps per request in `ctx.state`. */
export interface RequestState {
  requestId: string;
  locale: Locale;
  em: EntityManager;
  principal: Principal;
  /** The service authenticator whose prefix the path is under (set first thing), or null: see `service-auth.ts`. */
  serviceGuard?: ServiceGuard | null;
  /** The organizations whose data the request may see. */
  scope: DataScope;
  view: OrgView;
  /** The theme the request's organization wears: its templates, strings and renderer. */
  look: Look;
  ctxFor(owner: string): RequestCtx;
  shell?: Record<string, unknown>;
  /**
   * The audit entries of the route running now, written together just before its transaction commits;
   * null outside a route's transaction, where `ctx.audit` writes at once.
   */
  pendingAudit?: AuditEvent[] | null;
}

/**
 * The audit actor of a request: its operator, organization, role, request id and address; a service request
 * has no operator and is named by its client (`service:<clientId>`), acting in its organization with its role,
 * for the purpose it declared.
 */
export function actorOf(ctx: Koa.ParameterizedContext): AuditActor {
  const state = ctx.state as Partial<RequestState>;
  const membership = state.principal?.membership ?? null;
  const service = state.principal?.service ?? null;
  return {
    operatorId: state.principal?.operator?.id ?? null,
    actor: service ? `service:${service.clientId}` : null,
    purpose: service?.purpose ?? null,
    organizationId: membership?.organizationId ?? service?.organizationId ?? null,
    roleId: membership?.roleId ?? service?.role ?? null,
    requestId: state.requestId ?? null,
    ip: ctx.ip,
  };
}

/** Only a path on this site, else the home page: never an open redirect. */
export function localPathOrHome(value: unknown): string {
  return localPath(value) ?? '/';
}
