// SPDX-License-Identifier: AGPL-3.0-or-later
import helmet from 'koa-helmet';
import type { Middleware } from 'koa';

/**
 * Security headers with a strict Content Security Policy: everything from our
 * own origin, no inline script or style (the theme's scripts are files), no
 * framing. Pages hold special-category personal data, so they are not cached.
 */
export function securityHeaders(): Middleware[] {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        // Bootstrap Italia's stylesheet embeds an icon font as a data: URL; fonts cannot run code.
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  }) as unknown as Middleware;
  const noStore: Middleware = async (ctx, next) => {
    await next();
    if (!ctx.path.startsWith('/assets/') && !ctx.response.get('Cache-Control')) ctx.set('Cache-Control', 'no-store');
  };
  return [headers, noStore];
}
