// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ParameterizedContext } from 'koa';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ServiceAuthenticators, type ServiceAuthenticator } from '../sdk/extension-points/service-auth';
import type { OrgRef } from '../sdk/context';
import type { ExtensionRegistry } from '../kernel/registry';
import { routePrefix } from '../kernel/routes';
import { HttpError } from './problem';
import type { Principal } from './principal';

/** A service authenticator with the full path it guards (`/p/<owner><prefix>`). */
export interface ServiceGuard {
  readonly owner: string;
  /** The owner's route prefix (`/p/<owner>`): what `authenticate` sees of the path is below it. */
  readonly base: string;
  /** Lower case: the router matches paths case-insensitively, so the guard must too. */
  readonly path: string;
  readonly authenticator: ServiceAuthenticator;
}

/**
 * The path prefixes guarded by service authenticators (`ServiceAuthenticators`). Every contribution is
 * consulted whatever the organization: the organization is what authentication tells. A request to a plugin
 * turned off for that organization is then answered 404 by the route, as any other.
 */
export class ServiceGuards {
  private readonly guards: readonly ServiceGuard[];

  constructor(registry: ExtensionRegistry) {
    this.guards = registry.everything(ServiceAuthenticators).map(({ owner, value }) => {
      const base = routePrefix(owner);
      return { owner, base, path: `${base}${value.prefix}`.toLowerCase(), authenticator: value };
    });
  }

  /** The guard of a path, or null: plain requests are not service requests. */
  match(path: string): ServiceGuard | null {
    const lower = path.toLowerCase();
    return this.guards.find((g) => lower.startsWith(g.path)) ?? null;
  }
}

/** The guard a request came under (set first thing by the pipeline), or null. */
export function serviceGuardOf(ctx: ParameterizedContext): ServiceGuard | null {
  return (ctx.state as { serviceGuard?: ServiceGuard | null }).serviceGuard ?? null;
}

/**
 * The principal of a request under a guarded prefix: the client its authenticator recognizes, acting in the
 * organization it names with the authenticator's role, and nobody else. No credential, or one the
 * authenticator refuses, is a 401 whatever else the request carries (a session cookie, an operator's token).
 */
export async function resolveServicePrincipal(ctx: ParameterizedContext, guard: ServiceGuard, em: EntityManager): Promise<Principal> {
  const refused = (): HttpError => {
    ctx.set('WWW-Authenticate', 'Bearer');
    return new HttpError(401, 'core:errors.401.title', undefined, [], 'core:auth.errors.badToken');
  };
  const authorization = ctx.get('Authorization') || null;
  const identity = await guard.authenticator.authenticate({
    authorization,
    path: ctx.path.slice(guard.base.length),
    headers: ctx.headers,
    em,
  });
  if (!identity) throw refused();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(identity.organizationId))
    throw new Error(`service authenticator ${guard.authenticator.id} named no organization id`);
  const [org] = await em.execute<OrgRef[]>('select id::text as id, code, name from core.organization where id = ?', [
    identity.organizationId,
  ]);
  if (!org) throw new Error(`service authenticator ${guard.authenticator.id} named an unknown organization`);
  return {
    kind: 'service',
    operator: null,
    membership: null,
    org,
    sessionId: null,
    roles: [guard.authenticator.role],
    service: {
      clientId: identity.clientId,
      organizationId: org.id,
      role: guard.authenticator.role,
      // The audit log's purpose column is free text: a bounded, printable declaration only.
      purpose: identity.purpose && /^[\x21-\x7e]{1,200}$/.test(identity.purpose) ? identity.purpose : null,
    },
  };
}
