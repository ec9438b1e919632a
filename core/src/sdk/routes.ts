// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { RequestCtx } from './context';
import type { FieldError, HttpError } from './errors';
import type { PageSubject } from './extension-points/ui';

/** The outcome of validating input against a schema: the parsed value, or localized errors field by field. */
export type Validation<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly errors: readonly FieldError[] };

/** A request as a route handler sees it: the context plus the parsed input. Never Koa. */
export interface RouteContext extends RequestCtx {
  readonly params: Readonly<Record<string, string>>;
  /** The query string; parsed by the route's `query` schema when it declares one. */
  readonly query: Readonly<Record<string, unknown>>;
  /** The body; parsed by the route's `body` schema on API routes that declare one. */
  readonly body: unknown;
  /** URL of a named route (`<plugin id>.<name>` or `core.<name>`). */
  url(routeName: string, params?: Record<string, string>): string;
  /** The files of a route that declares `upload`, parsed from its `multipart/form-data` body; empty otherwise. */
  readonly files: readonly UploadedFile[];
  /**
   * Why the upload was refused (too large, wrong type, too many files), localized, by form field. An API
   * route never sees these: the pipeline answers 422 before its handler runs. A page shows them on its form.
   */
  readonly uploadErrors: readonly FieldError[];
  /**
   * Validates input against a schema, with messages in the request's language:
   * what a form handler uses to show errors beside each field.
   */
  validate<S extends z.ZodType>(schema: S, input: unknown): Validation<z.output<S>>;
}

/** What a handler returns; the core turns it into HTML, JSON or a redirect. */
export type RouteResult =
  /** A page; `subject` is what it is about, handed to the slots it renders (see PageSlot.load). */
  | { readonly view: string; readonly model?: object; readonly status?: number; readonly subject?: PageSubject }
  | { readonly json: unknown; readonly status?: number }
  /**
   * A file to save (CSV, XML…): sent as an attachment, never cached. A `Readable` body (a file opened by the
   * handler, say) is streamed as it is read, never held in memory whole; `size`, when known, is sent as its
   * Content-Length. The route's transaction, and the audit entries it wrote, commit before the first byte.
   */
  | {
      readonly download: {
        readonly filename: string;
        readonly contentType: string;
        readonly body: string | Uint8Array | Readable;
        readonly size?: number;
      };
    }
  | { readonly redirect: string }
  /**
   * Refuses the request as throwing `refusal` would (problem+json from the API, the error page), but keeps
   * what the handler wrote: the audit entry of a refused upload, say, which a thrown error would roll back.
   */
  | { readonly refusal: HttpError }
  /**
   * An RFC 9457 problem document sent exactly as given, as `application/problem+json` with `problem.status`
   * (any status: a health check answers 200 with one). For a published contract whose Problem schema allows no
   * other members: core's own problems add `errors` and extensions, and localize title and detail its way.
   * Like `refusal`, what the handler wrote commits.
   */
  | { readonly problem: ProblemDocument };

/** The members of an RFC 9457 problem document, and only those. */
export interface ProblemDocument {
  /** A URI naming the problem's type; `about:blank` when the status says it all. */
  readonly type?: string;
  readonly title: string;
  /** The HTTP status, 100–599; the response carries it. */
  readonly status: number;
  readonly detail?: string;
  /** A URI naming this occurrence (`urn:sigess:request:<request id>`). */
  readonly instance?: string;
}

export type RouteHandler = (ctx: RouteContext) => Promise<RouteResult> | RouteResult;

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One file of a multipart upload, held in memory (never written to disk). */
export interface UploadedFile {
  /** The form field that carried it. */
  readonly field: string;
  /** The name the client gave it; untrusted, for display only. */
  readonly filename: string;
  /** The content type the client declared; untrusted: check the content too. */
  readonly contentType: string;
  readonly size: number;
  readonly content: Buffer;
}

/** A route that accepts files in a `multipart/form-data` body, within these limits. */
export interface UploadOptions {
  /** The form field that carries the file(s); other file fields are refused. */
  readonly field: string;
  /** The largest file accepted, in bytes. */
  readonly maxBytes: number;
  /** The declared content types accepted, lower case (`text/csv`). */
  readonly contentTypes: readonly string[];
  /** How many files the field may carry; 1 unless said. */
  readonly maxFiles?: number;
}

/**
 * How a route is reached and described. The schemas are the one definition of
 * its input: an API route's input is checked against them before the handler
 * runs (a 422 problem+json lists the fields at fault), and the OpenAPI
 * document at `/api/v1/openapi.json` is generated from them.
 */
export interface RouteOptions {
  /** Required: the permission a principal needs; it must be declared by core or the plugin. */
  readonly permission: string;
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  /** The success response's body (documentation only). */
  readonly response?: z.ZodType;
  /** One line for the API document. */
  readonly summary?: string;
  /**
   * Accept files in a `multipart/form-data` body (see `RouteContext.files`). Its other fields become the
   * body; the `body` schema then applies only to a JSON body, which such a route may accept too.
   */
  readonly upload?: UploadOptions;
}

export interface RouteDefinition extends Omit<RouteOptions, 'permission'> {
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
