// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineKeyedPoint } from '../sdk/extension-point';
import type { HttpMethod, RouteDefinition, RouteHandler, RouteOptions, RouteRegistrar } from '../sdk/routes';

/** Routes are contributions too (keyed by `<owner>.<name>`), so they are filtered per organization. */
export const Routes = defineKeyedPoint<RouteDefinition & { owner: string }>('sigess.routes', (r) => r.name);

/** The URL prefix of an owner's routes. */
export function routePrefix(owner: string): string {
  return owner === 'core' ? '' : `/p/${owner}`;
}

export function createRouteRegistrar(owner: string, add: (route: RouteDefinition & { owner: string }) => void): RouteRegistrar {
  const define =
    (method: HttpMethod) =>
    (name: string, path: string, options: RouteOptions, handler: RouteHandler): void => {
      add({ ...options, owner, name: `${owner}.${name}`, method, path, permission: options?.permission, handler });
    };
  return { get: define('get'), post: define('post'), put: define('put'), patch: define('patch'), delete: define('delete') };
}

/** Every route by name, and the URLs to reach them. */
export class RouteTable {
  private readonly byName: ReadonlyMap<string, RouteDefinition & { owner: string }>;

  constructor(readonly routes: readonly (RouteDefinition & { owner: string })[]) {
    this.byName = new Map(routes.map((r) => [r.name, r]));
  }

  get(name: string): (RouteDefinition & { owner: string }) | undefined {
    return this.byName.get(name);
  }

  /** The full path pattern of a route, as the router mounts it. */
  pattern(route: RouteDefinition & { owner: string }): string {
    const prefix = routePrefix(route.owner);
    if (route.path === '/') return prefix || '/';
    return `${prefix}${route.path}`;
  }

  url(name: string, params: Record<string, string> = {}): string {
    const route = this.byName.get(name);
    if (!route) throw new Error(`unknown route "${name}"`);
    return this.pattern(route).replace(/:([A-Za-z0-9_]+)/g, (_, key: string) => {
      const value = params[key];
      if (value === undefined) throw new Error(`route "${name}" needs the parameter "${key}"`);
      return encodeURIComponent(value);
    });
  }
}
