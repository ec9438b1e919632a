// SPDX-License-Identifier: AGPL-3.0-or-later
import Tokens from 'csrf';
import type { Middleware, ParameterizedContext } from 'koa';
import { HttpError } from './problem';
import { SESSION_COOKIE } from './principal';

const tokens = new Tokens();
export const CSRF_COOKIE = 'sigess_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request forgery protection for everything a browser sends: a
 * secret in an http-only cookie, and a token derived from it in every form
 * (`_csrf`) or in the `X-CSRF-Token` header. Requests authenticated by a
 * Bearer token, or carrying no session at all, have no ambient credentials to abuse; nor do requests under
 * a service authenticator's prefix (`exempt`), where a session cookie counts for nothing: they get no cookie either.
 */
export function csrfProtection(options: { secure: boolean; exempt?: (ctx: ParameterizedContext) => boolean }): Middleware {
  return async (ctx, next) => {
    if (options.exempt?.(ctx)) return next();
    let secret = ctx.cookies.get(CSRF_COOKIE);
    if (!secret) {
      secret = tokens.secretSync();
      ctx.cookies.set(CSRF_COOKIE, secret, { httpOnly: true, sameSite: 'lax', secure: options.secure, overwrite: true });
    }
    ctx.state.csrfToken = tokens.create(secret);
    // Forgery needs ambient credentials: a session cookie, or a sign-in form (login CSRF).
    const exposed = Boolean(ctx.cookies.get(SESSION_COOKIE)) || ctx.path === '/login' || ctx.path.startsWith('/login/');
    if (UNSAFE.has(ctx.method) && exposed && !ctx.get('Authorization')) {
      const body = ctx.request.body as Record<string, unknown> | undefined;
      const sent = (typeof body?._csrf === 'string' ? body._csrf : undefined) ?? ctx.get('X-CSRF-Token');
      if (!sent || !tokens.verify(secret, sent)) throw new HttpError(403, 'core:errors.403.title', undefined, [], 'core:auth.errors.csrf');
    }
    await next();
  };
}
