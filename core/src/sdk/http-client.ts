// SPDX-License-Identifier: AGPL-3.0-or-later
import { Agent, interceptors, type Dispatcher } from 'undici';

/**
 * An HTTP/JSON client for integration adapters (a regional system, an anagrafe), on undici: a per-call
 * timeout, retries with exponential backoff for the calls that are safe to repeat, and typed errors an
 * adapter or the outbox can act on. undici does the mechanics (connection pool, the retry interceptor);
 * this module only sets the policy and turns undici's errors into ours.
 */

/** Why a call failed. `retryable` says whether trying the same call later may succeed (the outbox's backoff). */
export abstract class HttpClientError extends Error {
  abstract readonly kind: 'timeout' | 'connection' | 'status';
  abstract readonly retryable: boolean;
  constructor(
    message: string,
    /** `METHOD url` of the call, for logs; never its body. */
    readonly call: string,
    /** Attempts made, retries included. */
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** No answer within the timeout (connecting, waiting for the headers, or reading the body). */
export class HttpTimeoutError extends HttpClientError {
  readonly kind = 'timeout';
  readonly retryable = true;
}

/** The other side could not be reached or dropped the connection: refused, reset, unknown host, network down. */
export class HttpConnectionError extends HttpClientError {
  readonly kind = 'connection';
  readonly retryable = true;
  constructor(
    message: string,
    call: string,
    attempts: number,
    /** The system or undici code: `ECONNREFUSED`, `ECONNRESET`, `ENOTFOUND`, `UND_ERR_SOCKET`… */
    readonly code: string | null,
    options?: { cause?: unknown },
  ) {
    super(message, call, attempts, options);
  }
}

/** An RFC 9457 problem document, as far as the other side sent one. */
export interface ProblemDetails {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly [extension: string]: unknown;
}

/** The other side answered with an error status (4xx, 5xx). */
export class HttpStatusError extends HttpClientError {
  readonly kind = 'status';
  constructor(
    call: string,
    attempts: number,
    readonly status: number,
    /** The body, parsed when it was JSON (a problem document for a well-behaved API), else its text, cut short. */
    readonly body: unknown,
  ) {
    super(`${call} answered ${status}${HttpStatusError.titleOf(body)}`, call, attempts);
  }

  /** A server that is down or overloaded (5xx, 408, 429) may answer later; a 4xx refusal will not change. */
  get retryable(): boolean {
    return this.status >= 500 || this.status === 408 || this.status === 429;
  }

  /** The body as a problem document, when it is one. */
  get problem(): ProblemDetails | null {
    return this.body && typeof this.body === 'object' && !Array.isArray(this.body) ? (this.body as ProblemDetails) : null;
  }

  private static titleOf(body: unknown): string {
    if (!body || typeof body !== 'object') return '';
    const { title, detail } = body as ProblemDetails;
    const words = [title, detail].filter((w): w is string => typeof w === 'string' && w.length > 0);
    return words.length ? `: ${words.join(' — ').slice(0, 300)}` : '';
  }
}

export interface HttpClientOptions {
  /** `https://host[:port][/base/path]`: every call's path is appended to it. */
  readonly baseUrl: string;
  /**
   * Per attempt: connecting, waiting for the headers and for each chunk of the body. Default 10 s. undici keeps
   * these timers coarse (about half a second), so a deadline is kept to within that.
   */
  readonly timeoutMs?: number;
  /** Retries after the first attempt, for calls that may be repeated. Default 2. */
  readonly retries?: number;
  /** The first wait before a retry; it doubles each time, up to `maxBackoffMs`. Defaults 250 ms and 5 s. */
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Sent with every call (credentials, say). */
  readonly headers?: Readonly<Record<string, string>>;
  /** A larger answer is refused (default 1 MiB): an adapter expects small JSON documents. */
  readonly maxResponseBytes?: number;
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Appended to the base URL; encode its parameters (`encodeURIComponent`). */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  /** Sent as `application/json`. */
  readonly json?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Sent as the `Idempotency-Key` header. The other side records a request with a key it has seen once, so
   * a POST carrying one is retried like a GET; without one, a POST or PATCH is never repeated.
   */
  readonly idempotencyKey?: string;
  /** This call's timeout per attempt, instead of the client's. */
  readonly timeoutMs?: number;
  /** This call's retries, instead of the client's (0: one attempt only). */
  readonly retries?: number;
  readonly signal?: AbortSignal;
}

export interface HttpResponse<T = unknown> {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON when the answer says it is JSON, its text otherwise, null when empty. */
  readonly body: T;
  readonly attempts: number;
}

export interface HttpClient {
  /** Resolves with a 2xx or 3xx answer; rejects with an `HttpClientError` (an `HttpStatusError` for 4xx and 5xx). */
  request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
  /** Closes the connections it keeps open. */
  close(): Promise<void>;
}

/** Methods that mean the same when repeated (RFC 9110 §9.2.2). */
const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE']);
/** What a retry may cure: the connection failed, or the other side said it is busy or down. */
const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];
const RETRY_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** Per-call state the retry policy reads and counts (carried in undici's `retryOptions`). */
interface CallPolicy {
  readonly retries: number;
  readonly repeatable: boolean;
  readonly minBackoffMs: number;
  readonly maxBackoffMs: number;
  attempts: number;
}

/** The error of one failed attempt, as undici's retry handler hands it over. */
interface AttemptError extends Error {
  readonly code?: string;
  readonly statusCode?: number;
  readonly headers?: Record<string, string | string[] | undefined>;
}

/** Seconds or an HTTP date, capped: a server may ask for a pause, not for an hour. */
function retryAfterMs(header: string | string[] | undefined, cap: number): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : new Date(value).getTime() - Date.now();
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, cap) : null;
}

/**
 * undici's retry interceptor asks this after each failed attempt: `done(error)` stops and hands the failure
 * (or, with `throwOnError: false`, the last answer) to the caller; `done(null)` tries again.
 */
function retryPolicy(policy: CallPolicy, error: Error, done: (error?: Error | null) => void): void {
  const err = error as AttemptError;
  const transient = err.statusCode !== undefined ? RETRY_STATUSES.includes(err.statusCode) : RETRY_CODES.has(err.code ?? '');
  if (!policy.repeatable || !transient || policy.attempts > policy.retries) return done(error);
  policy.attempts += 1;
  const backoff = Math.min(policy.minBackoffMs * 2 ** (policy.attempts - 2), policy.maxBackoffMs);
  const wait = retryAfterMs(err.headers?.['retry-after'], policy.maxBackoffMs) ?? backoff;
  setTimeout(() => done(null), wait).unref();
}

function parseBody(text: string, contentType: string): unknown {
  if (!text) return null;
  if (/[/+]json\b/i.test(contentType)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text.slice(0, 2000);
    }
  }
  return text.slice(0, 2000);
}

function flatHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

function toClientError(error: unknown, call: string, attempts: number): Error {
  if (error instanceof HttpClientError) return error;
  const err = error as AttemptError & { name?: string };
  const code = err?.code ?? null;
  if (code && TIMEOUT_CODES.has(code))
    return new HttpTimeoutError(`${call}: no answer in time (${code})`, call, attempts, { cause: error });
  if (err?.name === 'AbortError' || code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR') return error as Error;
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') {
    return new HttpConnectionError(`${call}: the answer was larger than allowed`, call, attempts, code, { cause: error });
  }
  return new HttpConnectionError(`${call}: ${err?.message ?? String(error)}`, call, attempts, code, { cause: error });
}

/**
 * A client for one other system. Keep one per base URL and close it on shutdown: it holds a connection
 * pool. Calls resolve with 2xx/3xx answers (redirects are not followed) and reject with typed errors.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const agent = new Agent({ connect: { timeout: timeoutMs }, maxResponseSize: options.maxResponseBytes ?? 1024 * 1024 }).compose(
    // throwOnError: false hands the last answer back (a 503 with its problem document) instead of a bare error.
    interceptors.retry({ throwOnError: false, statusCodes: RETRY_STATUSES }),
  );

  return {
    async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
      const path = `${basePath}${req.path.startsWith('/') ? '' : '/'}${req.path}`;
      const search = req.query ? `?${new URLSearchParams(req.query).toString()}` : '';
      const call = `${req.method} ${base.origin}${path}`;
      const perAttempt = req.timeoutMs ?? timeoutMs;
      const policy: CallPolicy = {
        retries: req.retries ?? options.retries ?? 2,
        repeatable: IDEMPOTENT.has(req.method) || req.idempotencyKey !== undefined,
        minBackoffMs: options.minBackoffMs ?? 250,
        maxBackoffMs: options.maxBackoffMs ?? 5_000,
        attempts: 1,
      };
      const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...options.headers, ...req.headers };
      if (req.json !== undefined) headers['content-type'] = 'application/json';
      if (req.idempotencyKey !== undefined) headers['idempotency-key'] = req.idempotencyKey;
      try {
        const response = await agent.request({
          origin: base.origin,
          path: `${path}${search}`,
          method: req.method,
          headers,
          body: req.json === undefined ? undefined : JSON.stringify(req.json),
          headersTimeout: perAttempt,
          bodyTimeout: perAttempt,
          signal: req.signal,
          // Per call: the policy counts this call's attempts and knows whether it may be repeated.
          retryOptions: {
            retry: (error: Error, _context: unknown, done: (error?: Error | null) => void) => retryPolicy(policy, error, done),
          },
        } as Dispatcher.RequestOptions);
        const text = await response.body.text();
        const body = parseBody(text, String(response.headers['content-type'] ?? ''));
        if (response.statusCode >= 400) throw new HttpStatusError(call, policy.attempts, response.statusCode, body);
        return { status: response.statusCode, headers: flatHeaders(response.headers), body: body as T, attempts: policy.attempts };
      } catch (error) {
        throw toClientError(error, call, policy.attempts);
      }
    },
    close: () => agent.close(),
  };
}
