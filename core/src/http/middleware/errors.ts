// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Middleware, ParameterizedContext } from 'koa';
import { HttpError, PROBLEM_CONTENT_TYPE, type ProblemDetails } from '../problem';
import type { Translator } from '../../i18n/i18n';
import { negotiateLocale } from '../../i18n/i18n';
import type { PageRenderer } from '../../views/render';
import type { Logger } from 'pino';

/** The JSON API: core's under /api, a plugin's under /p/<id>/api. */
export function isApiPath(path: string): boolean {
  return /^\/(p\/[a-z0-9-]+\/)?api(\/|$)/.test(path);
}

/** An API request: by its path, or because a service authenticator guards it (another system's e-service). */
export function isApiRequest(ctx: ParameterizedContext): boolean {
  return isApiPath(ctx.path) || Boolean((ctx.state as { serviceGuard?: unknown }).serviceGuard);
}

/** Status codes we give a localized title; others fall back to their class. */
const KNOWN = new Set([400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 500, 503]);

/**
 * The error boundary: RFC 9457 problem+json under /api, the theme's error page
 * elsewhere. Unexpected errors become a 500 whose detail stays in the log,
 * tied to the request id the user sees.
 */
export function errorBoundary(deps: {
  /** The request's strings and renderer: its organization's theme once known, else the installation's. */
  translator: (ctx: ParameterizedContext) => Translator;
  renderer: (ctx: ParameterizedContext) => PageRenderer | null;
  log: Logger;
}): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw HttpError.notFound();
    } catch (raw) {
      const error = raw as Error & { status?: number; expose?: boolean };
      const status =
        error instanceof HttpError
          ? error.status
          : typeof error.status === 'number' && error.status >= 400 && error.status < 600
            ? error.status
            : 500;
      const requestId = String(ctx.state.requestId ?? '');
      if (status >= 500) (ctx.state.log ?? deps.log).error({ err: error, requestId }, 'request failed');
      const locale = ctx.state.locale ?? negotiateLocale(ctx.cookies.get('sigess_lang'), ctx.get('Accept-Language'));
      const t = deps.translator(ctx).t(locale);
      const code = KNOWN.has(status) ? status : status >= 500 ? 500 : 400;
      const title = error instanceof HttpError ? t(error.titleKey) : t(`core:errors.${code}.title`);
      const detail =
        error instanceof HttpError && error.detailKey
          ? t(error.detailKey)
          : error instanceof HttpError
            ? (error.detail ?? t(`core:errors.${code}.detail`))
            : status < 500 && error.expose
              ? error.message
              : t(`core:errors.${code}.detail`);
      ctx.status = status;
      if (isApiRequest(ctx) || (!ctx.accepts('html') && ctx.accepts('json'))) {
        const problem: ProblemDetails = {
          type: `about:blank`,
          title,
          status,
          detail,
          instance: `urn:sigess:request:${requestId}`,
          ...(error instanceof HttpError ? error.extensions : {}),
          ...(error instanceof HttpError && error.errors.length ? { errors: error.errors } : {}),
        };
        ctx.type = PROBLEM_CONTENT_TYPE;
        ctx.body = JSON.stringify(problem);
        return;
      }
      const renderer = deps.renderer(ctx);
      const plain = `${status} ${title}\n${detail}\n${requestId}`;
      if (!renderer) {
        ctx.type = 'text';
        ctx.body = plain;
        return;
      }
      try {
        ctx.type = 'html';
        ctx.body = renderer.renderBare(
          'core:errors/error',
          { title, status, detail, requestId },
          { locale, t, shell: ctx.state.shell ?? { lang: locale, languages: [], menu: [] } },
        );
      } catch (renderError) {
        deps.log.error({ err: renderError, requestId }, 'error page failed to render');
        ctx.type = 'text';
        ctx.body = plain;
      }
    }
  };
}
