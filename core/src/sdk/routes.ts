// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RequestCtx } from './context';

/** A request as a route handler sees it: the context plus the parsed input. Never Koa. */
export interface RouteContext extends RequestCtx {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
  /** URL of a named route (`<plugin id>.<name>` or `core.<name>`). */
  url(routeName: string, params?: Record<string, string>): string;
}

/** What a handler returns; the core turns it into HTML, JSON or a redirect. */
export type RouteResult =
  | { readonly view: string; readonly model?: object; readonly status?: number }
  | { readonly json: unknown; readonly status?: number }
  /** A file to save (CSV, XML…): sent as an attachment, never cached. */
  | { readonly download: { readonly filename: string; readonly contentType: string; readonly body: string | Uint8Array } }
  | { readonly redirect: string };

export type RouteHandler = (ctx: RouteContext) => Promise<RouteResult> | RouteResult;

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteOptions {
  /** Required: the permission a principal needs; it must be declared by core or the plugin. */
  readonly permission: string;
}

export interface RouteDefinition {
  /** Full name, `<owner>.<name>`; used for URL generation and menu items. */
  readonly name: string;
  readonly method: HttpMethod;
  /** Path relative to the owner's prefix (`/p/<id>` for plugins). */
  readonly path: string;
  readonly permission: string;
  readonly handler: RouteHandler;
}

export interface RouteRegistrar {
  get(name: string, path: string, options: RouteOptions, handler: RouteHandler): void;
  post(name: string, path: string, options: RouteOptions, handler: RouteHandler): void;
  put(name: string, path: string, options: RouteOptions, handler: RouteHandler): void;
  patch(name: string, path: string, options: RouteOptions, handler: RouteHandler): void;
  delete(name: string, path: string, options: RouteOptions, handler: RouteHandler): void;
}
