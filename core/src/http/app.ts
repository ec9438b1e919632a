// SPDX-License-Identifier: AGPL-3.0-or-later
import { Readable } from 'node:stream';
import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import pinoHttp from 'pino-http';
import { LOCALES, type AuditEvent, type Locale, type RequestCtx } from '../sdk/context';
import { MenuItems, type PageSubject } from '../sdk/extension-points/ui';
import type { RouteContext, RouteDefinition, RouteResult } from '../sdk/routes';
import { CORE } from '../kernel/registry';
import { negotiateLocale } from '../i18n/i18n';
import type { Platform } from '../platform';
import { HttpError, PROBLEM_CONTENT_TYPE } from './problem';
import { errorBoundary, isApiPath, isApiRequest } from './middleware/errors';
import { requestId } from './middleware/request-id';
import { securityHeaders } from './middleware/security';
import { healthRoutes } from './health';
import { authRoutes } from './auth-routes';
import { csrfProtection } from './csrf';
import { resolvePrincipal } from './principal';
import { ServiceGuards, resolveServicePrincipal, serviceGuardOf } from './service-auth';
import { actorOf, localPathOrHome, type RequestState } from './request-state';
import { validateInput } from './validation';
import { parsedUpload, uploadErrors, uploadParser } from './uploads';
import { openApiDocument } from './openapi';
import { EMPTY_SCOPE, enterScope } from '../db/scope';

const LANGUAGE_COOKIE = 'sigess_lang';
/** Paths an operator may reach before choosing the organization to act in. */
const CHOOSER_EXEMPT = /^\/(session\/organization|login|logout|lang\/|account|assets\/|healthz|readyz)/;
const LANGUAGE_NAMES: Record<Locale, string> = { it: 'Italiano', en: 'English' };

/**
 * The HTTP pipeline: request id → logs → security headers → errors → static
 * assets → health → body → request context (language, organization,
 * principal, EntityManager) → routes of core and of the plugins active for
 * the organization, each behind its declared permission.
 */
export function createHttpApp(platform: Platform): Koa {
  const { kernel, config } = platform;
  // A request wears its organization's theme once the organization is known; before that (or without one), the installation's.
  const lookOf = (ctx: Koa.ParameterizedContext) => (ctx.state as Partial<RequestState>).look ?? platform.looks.installation;
  const app = new Koa({ proxy: false });
  app.silent = true;

  const url = (name: string, params: Record<string, string> = {}): string => platform.routes.url(name, params);

  app.use(requestId());
  const httpLog = pinoHttp({
    logger: platform.log,
    genReqId: (req, res) => String(res.getHeader('X-Request-Id') ?? ''),
    autoLogging: { ignore: (req) => Boolean(req.url?.startsWith('/assets/') || req.url === '/healthz') },
    // Method, path and status only: query strings and headers may carry personal data.
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
  });
  app.use(async (ctx, next) => {
    httpLog(ctx.req, ctx.res);
    ctx.state.log = ctx.req.log;
    await next();
  });
  for (const m of securityHeaders()) app.use(m);
  app.use(errorBoundary({ translator: (ctx) => lookOf(ctx).translator, renderer: (ctx) => lookOf(ctx).renderer, log: platform.log }));
  // Paths a plugin's service authenticator guards are told apart first: the error boundary answers them
  // problem+json, the CSRF check skips them, and only their authenticator decides who the request is.
  const serviceGuards = new ServiceGuards(kernel.registry);
  app.use(async (ctx, next) => {
    ctx.state.serviceGuard = serviceGuards.match(ctx.path);
    await next();
  });
  app.use(platform.assets.middleware());
  const health = healthRoutes(platform);
  app.use(health.routes());

  app.use(bodyParser({ enableTypes: ['json', 'form'], jsonLimit: '1mb', formLimit: '256kb', encoding: 'utf-8' }));

  // The language switch: a remembered preference, no personal data.
  app.use(async (ctx, next) => {
    const match = /^\/lang\/([a-z]{2})$/.exec(ctx.path);
    if (!match || ctx.method !== 'GET') return next();
    const lng = match[1] as Locale;
    if (!LOCALES.includes(lng)) throw HttpError.notFound();
    ctx.cookies.set(LANGUAGE_COOKIE, lng, { httpOnly: true, sameSite: 'lax', maxAge: 365 * 24 * 3600 * 1000, overwrite: true });
    ctx.redirect(localPathOrHome(ctx.query.next));
  });

  // Before the CSRF check, which reads a multipart form's token from its fields.
  app.use(uploadParser(platform.routes));
  app.use(csrfProtection({ secure: config.secureCookies, exempt: (ctx) => serviceGuardOf(ctx) !== null }));

  // The request context: language, principal, the organization it acts in, what that organization sees.
  app.use(async (ctx, next) => {
    const state = ctx.state as RequestState & { log: RequestCtx['log'] };
    state.locale = negotiateLocale(ctx.cookies.get(LANGUAGE_COOKIE), ctx.get('Accept-Language'));
    state.em = platform.orm.em.fork();
    const guard = serviceGuardOf(ctx);
    state.principal = guard ? await resolveServicePrincipal(ctx, guard, state.em) : await resolvePrincipal(ctx, platform, state.em);
    const { org, operator, membership } = state.principal;
    // Only an operator acting in a membership, or a service client in the organization its authenticator
    // named, sees personal data: that organization (a service point's: the one above) and those below.
    const actingIn = membership?.organizationId ?? state.principal.service?.organizationId ?? null;
    state.scope = actingIn
      ? { orgId: actingIn, orgs: await platform.organizations.scope(state.em, actingIn), operatorId: operator?.id ?? null }
      : EMPTY_SCOPE;
    const active = await platform.activation.activeFor(state.em, org?.id ?? null);
    state.look = await platform.organizationThemes.lookFor(state.em, org?.id ?? null);
    const { translator } = state.look;
    state.view = kernel.registry.forOrg(active, config.ports);
    const grants = await platform.matrix.load(state.em);
    const roles = state.principal.roles;
    const can = (permission: string): boolean => roles.some((role) => grants.get(role)?.has(permission) ?? false);
    const contexts = new Map<string, RequestCtx>();
    state.ctxFor = (owner: string): RequestCtx => {
      let c = contexts.get(owner);
      if (!c) {
        const settings = owner === CORE ? {} : kernel.plugin(owner)?.settings;
        c = {
          requestId: state.requestId,
          org,
          operator,
          locale: state.locale,
          t: translator.t(state.locale, owner),
          // Read at call time: inside a route the request's EntityManager is its scoped transaction.
          get em() {
            return state.em;
          },
          log: state.log.child({ owner }),
          extensions: state.view,
          can,
          audit: async (event, em) => {
            if (!em && state.pendingAudit) state.pendingAudit.push(...(Array.isArray(event) ? event : [event as AuditEvent]));
            else await platform.audit.record(em ?? state.em, actorOf(ctx), event);
          },
          settings: <S>() => settings as S,
        };
        contexts.set(owner, c);
      }
      return c;
    };
    const core = state.ctxFor(CORE);
    // The layout's view-model, built only when a page is rendered (never for the JSON API).
    const buildShell = (): Record<string, unknown> => ({
      appName: 'SIGeSS',
      lang: state.locale,
      path: ctx.path,
      org,
      operator,
      role: state.principal.membership?.roleName[state.locale] ?? null,
      csrf: ctx.state.csrfToken as string,
      languages: LOCALES.map((code) => ({
        code,
        label: LANGUAGE_NAMES[code],
        current: code === state.locale,
        href: `/lang/${code}?next=${encodeURIComponent(ctx.originalUrl)}`,
      })),
      menu: state.view
        .allWithOwner(MenuItems)
        .filter(({ value }) => value.menu === 'main')
        .filter(({ value }) => {
          const route = platform.routes.get(value.route);
          const permission = value.permission ?? route?.permission;
          return route && state.view.isActive(route.owner) && (!permission || core.can(permission));
        })
        .filter(({ owner, value }) => !value.visible || value.visible(state.ctxFor(owner)))
        .map(({ owner, value }) => ({
          id: value.id,
          label: state.ctxFor(owner).t(value.labelKey),
          href: url(value.route),
          icon: value.icon ?? null,
        }))
        .map((item, _i, items) => ({ ...item, current: item.href === currentMenuHref(ctx.path, items) })),
    });
    let shell: Record<string, unknown> | undefined;
    Object.defineProperty(state, 'shell', { get: () => (shell ??= buildShell()), configurable: true });
    // An operator with several memberships chooses one before anything else.
    if (state.principal.kind === 'session' && !state.principal.membership && ctx.method === 'GET' && !CHOOSER_EXEMPT.test(ctx.path)) {
      return ctx.redirect(`/session/organization?next=${encodeURIComponent(ctx.originalUrl)}`);
    }
    await next();
  });

  const render = async (
    ctx: Koa.ParameterizedContext,
    view: string,
    model: object,
    status = 200,
    subject: PageSubject | null = null,
  ): Promise<void> => {
    const state = ctx.state as RequestState;
    ctx.status = status;
    ctx.type = 'html';
    ctx.body = await state.look.renderer.render(view, model, {
      ctx: state.ctxFor(CORE),
      view: state.view,
      ctxFor: state.ctxFor,
      shell: state.shell ?? {},
      subject,
    });
  };
  app.use(authRoutes(platform, render, { secure: config.secureCookies }).routes());

  const router = new Router();
  // The API's description is public, like any published interface; built once, the routes never change at run time.
  let openApi: object | undefined;
  router.get('core.openapi', '/api/v1/openapi.json', (ctx) => {
    openApi ??= openApiDocument(platform.routes, isApiPath);
    ctx.body = openApi;
  });
  for (const route of platform.routes.routes) {
    router[route.method](route.name, platform.routes.pattern(route), async (ctx) => {
      await handle(ctx, route);
    });
  }

  async function handle(
    ctx: Koa.ParameterizedContext & { params: Record<string, string> },
    route: RouteDefinition & { owner: string },
  ): Promise<void> {
    const state = ctx.state as RequestState;
    // A plugin turned off for this organization is not there at all.
    if (!state.view.isActive(route.owner)) throw HttpError.notFound();
    const base = state.ctxFor(route.owner);
    if (!base.can(route.permission)) {
      if (state.principal.operator || state.principal.service) throw new HttpError(403, 'core:errors.403.title');
      // A page asks a visitor to sign in and come back; the API answers 401.
      if (!isApiRequest(ctx) && ctx.method === 'GET') return ctx.redirect(`/login?next=${encodeURIComponent(ctx.originalUrl)}`);
      throw new HttpError(401, 'core:errors.401.title');
    }
    const api = isApiRequest(ctx);
    const validate: RouteContext['validate'] = (schema, input) => validateInput(schema, input, base.t);
    // An API route's declared input is checked before its handler runs; a page handles its form's errors itself.
    const checked = (schema: RouteDefinition['body'], input: unknown): unknown => {
      if (!schema || !api) return input;
      const result = validate(schema, input);
      if (!result.ok) throw HttpError.invalid(result.errors);
      return result.data;
    };
    const upload = parsedUpload(ctx);
    const refused = uploadErrors(upload, base.t, state.locale);
    if (api && refused.length) throw HttpError.invalid(refused);
    const query = checked(route.query, ctx.query) as RouteContext['query'];
    // A multipart body's other fields are a form's, not the JSON document the body schema describes.
    const body = upload ? ctx.request.body : checked(route.body, ctx.request.body);
    const files = upload?.files ?? [];
    const routeCtx: RouteContext = Object.assign(Object.create(base) as RequestCtx, {
      params: ctx.params,
      query,
      body,
      url,
      validate,
      files,
      uploadErrors: refused,
    });
    // One transaction per route, bound to the request's data scope: row-level
    // security sees the organization, and everything the route writes (its
    // audit entries included) commits or rolls back together.
    const outer = state.em;
    let refusal: HttpError | null = null;
    await outer.transactional(async (tx) => {
      await enterScope(tx, state.scope);
      state.em = tx;
      state.pendingAudit = [];
      try {
        const result = await route.handler(routeCtx);
        if ('refusal' in result) refusal = result.refusal;
        else await respond(ctx, route, result);
        // The route's entries go in last, in the same transaction: the audit chain's lock, which every
        // audited request takes, is then held from here to the commit only, not across the whole route
        // and its rendering (bench/RESULTS.md: requests queued seconds on it under load).
        await platform.audit.record(tx, actorOf(ctx), state.pendingAudit);
      } finally {
        state.em = outer;
        state.pendingAudit = null;
      }
    });
    // Thrown once the transaction has committed what the handler wrote with it.
    if (refusal) throw refusal;
  }

  async function respond(
    ctx: Koa.ParameterizedContext,
    route: RouteDefinition,
    result: Exclude<RouteResult, { refusal: HttpError }>,
  ): Promise<void> {
    if ('redirect' in result) {
      ctx.redirect(localPathOrHome(result.redirect));
    } else if ('download' in result) {
      const { body, size } = result.download;
      ctx.type = result.download.contentType;
      ctx.attachment(result.download.filename);
      // A stream goes out as it is read (Koa pipes it, and destroys it if the client goes away).
      ctx.body = typeof body === 'string' || body instanceof Readable ? body : Buffer.from(body);
      if (size !== undefined) ctx.length = size;
    } else if ('json' in result) {
      ctx.status = result.status ?? 200;
      ctx.body = result.json;
    } else if ('problem' in result) {
      // Exactly the RFC 9457 members, in a fixed order, and nothing else (see RouteResult).
      const { type, title, status, detail, instance } = result.problem;
      if (!Number.isInteger(status) || status < 100 || status > 599)
        throw new Error(`route ${route.name} answered a problem with status ${status}`);
      ctx.status = status;
      ctx.type = PROBLEM_CONTENT_TYPE;
      ctx.body = JSON.stringify({ type, title, status, detail, instance });
    } else {
      if (isApiRequest(ctx)) throw new Error(`API route ${route.name} returned a view`);
      await render(ctx, result.view, result.model ?? {}, result.status ?? 200, result.subject ?? null);
    }
  }

  app.use(router.routes());
  app.use(router.allowedMethods({ throw: true }));
  return app;
}

/**
 * The menu entry a page belongs to: the one whose address is the longest prefix of the page's path
 * (`/cartelle/shared` is under _Cartelle condivise_, not _Le mie cartelle_ at `/cartelle`); home only at `/`.
 */
function currentMenuHref(path: string, items: readonly { href: string }[]): string | null {
  const under = items.filter(({ href }) => (href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`)));
  return under.reduce<string | null>((best, { href }) => (best === null || href.length > best.length ? href : best), null);
}
