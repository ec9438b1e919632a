// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomBytes } from 'node:crypto';
import Router from '@koa/router';
import type { ParameterizedContext } from 'koa';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { z } from 'zod';
import { AuthProviders } from '../sdk/extension-points/auth';
import type { Platform } from '../platform';
import { actorOf, localPathOrHome, type RequestState } from './request-state';
import type { AuditEvent } from '../modules/audit/audit';
import { HttpError } from './problem';
import { SESSION_COOKIE } from './principal';

type Render = (ctx: ParameterizedContext, view: string, model: object, status?: number) => Promise<void>;

const loginInput = z.object({
  username: z.string().trim().min(1, 'core:auth.errors.usernameRequired').max(100),
  password: z.string().min(1, 'core:auth.errors.passwordRequired').max(1000),
  next: z.string().optional(),
});
const passwordInput = z.object({ current: z.string().max(1000), next: z.string().max(1000), confirm: z.string().max(1000) });
const tokenInput = z.object({
  name: z.string().trim().min(1, 'core:account.tokens.errors.nameRequired').max(80, 'core:account.tokens.errors.nameTooLong'),
  membershipId: z.uuid('core:account.tokens.errors.membership'),
});
const uuid = z.uuid();

const PROVIDER_STATE_COOKIE = 'sigess_login_state';
/** Failed sign-ins one address may make in ten minutes. */
export const FAILURES_PER_ADDRESS = 30;

/**
 * Signing in and out, choosing the organization to act in, and the
 * operator's own account (password, sessions, API tokens). These routes
 * manage the session itself, so they sit beside the contribution routes,
 * like the language switch; each still checks its permission.
 */
export function authRoutes(platform: Platform, render: Render, options: { secure: boolean }): Router {
  const router = new Router();
  const { operators, sessions, apiTokens } = platform;
  // Per client address, in this process: a brake on password guessing that
  // complements the per-account lockout kept in the database.
  const failures = new RateLimiterMemory({ points: FAILURES_PER_ADDRESS, duration: 600 });
  const cookie = { httpOnly: true, sameSite: 'lax' as const, secure: options.secure, overwrite: true };

  const state = (ctx: ParameterizedContext): RequestState => ctx.state as RequestState;
  const requireOperator = (ctx: ParameterizedContext): NonNullable<RequestState['principal']['operator']> => {
    const operator = state(ctx).principal.operator;
    if (!operator) throw new HttpError(401, 'core:errors.401.title');
    return operator;
  };
  const providers = (ctx: ParameterizedContext) =>
    state(ctx)
      .view.allWithOwner(AuthProviders)
      .map(({ owner, value }) => ({
        id: value.id,
        label: state(ctx).ctxFor(owner).t(value.labelKey),
        href: `/login/${encodeURIComponent(value.id)}`,
      }));

  /** Audits as the request's principal, or as the operator named (at sign-in, before the session exists). */
  const audit = (ctx: ParameterizedContext, event: AuditEvent, operatorId?: string, em = state(ctx).em) =>
    platform.audit.record(em, { ...actorOf(ctx), ...(operatorId ? { operatorId } : {}) }, event);

  async function startSession(ctx: ParameterizedContext, operatorId: string, next: string, via: string): Promise<void> {
    const memberships = await operators.memberships(state(ctx).em, operatorId);
    const token = await state(ctx).em.transactional(async (em) => {
      const started = await sessions.start(em, operatorId, memberships.length === 1 ? memberships[0]!.id : null, {
        ip: ctx.ip,
        userAgent: ctx.get('User-Agent'),
      });
      await audit(ctx, { action: 'auth.sign-in', entity: 'operator', entityId: operatorId, details: { via } }, operatorId, em);
      return started;
    });
    ctx.cookies.set(SESSION_COOKIE, token, cookie);
    ctx.redirect(memberships.length > 1 ? `/session/organization?next=${encodeURIComponent(next)}` : next);
  }

  router.get('/login', async (ctx) => {
    if (state(ctx).principal.operator) return ctx.redirect(localPathOrHome(ctx.query.next));
    await render(ctx, 'core:auth/login', {
      title: state(ctx).ctxFor('core').t('core:auth.login.title'),
      next: localPathOrHome(ctx.query.next),
      providers: providers(ctx),
    });
  });

  router.post('/login', async (ctx) => {
    const t = state(ctx).ctxFor('core').t;
    const parsed = loginInput.safeParse(ctx.request.body ?? {});
    const next = localPathOrHome((ctx.request.body as { next?: unknown } | undefined)?.next);
    const again = (status: number, errors: { field: string; message: string }[]) =>
      render(
        ctx,
        'core:auth/login',
        { title: t('core:auth.login.title'), next, providers: providers(ctx), username: parsed.data?.username ?? '', errors },
        status,
      );
    if (!parsed.success) {
      return again(
        422,
        parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: t(i.message) })),
      );
    }
    // Only failures count against the address, so a busy office behind one NAT is not locked out.
    if (((await failures.get(ctx.ip))?.consumedPoints ?? 0) >= FAILURES_PER_ADDRESS) {
      return again(429, [{ field: 'username', message: t('core:auth.errors.tooManyAttempts') }]);
    }
    const result = await operators.authenticate(state(ctx).em, parsed.data.username, parsed.data.password);
    if (result.outcome !== 'ok') {
      await failures.penalty(ctx.ip);
      // About the account tried, when there is one: its organizations' privacy officers then see the attempt.
      await audit(ctx, {
        action: 'auth.sign-in-failed',
        ...(result.operatorId ? { entity: 'operator', entityId: result.operatorId } : {}),
        details: { username: parsed.data.username.slice(0, 100), reason: result.outcome },
      });
    }
    if (result.outcome === 'locked') {
      return again(423, [
        {
          field: 'username',
          message: t('core:auth.errors.locked', { minutes: Math.max(1, Math.ceil((result.until.getTime() - Date.now()) / 60_000)) }),
        },
      ]);
    }
    if (result.outcome === 'invalid') return again(401, [{ field: 'password', message: t('core:auth.errors.invalid') }]);
    await startSession(ctx, result.operator.id, next, 'password');
  });

  router.get('/login/:provider', async (ctx) => {
    const provider = state(ctx).view.get(AuthProviders, ctx.params.provider!);
    if (!provider) throw HttpError.notFound();
    const nonce = randomBytes(16).toString('base64url');
    ctx.cookies.set(PROVIDER_STATE_COOKIE, nonce, { ...cookie, maxAge: 600_000 });
    ctx.redirect(await provider.begin({ returnUrl: `${ctx.origin}/login/${encodeURIComponent(provider.id)}/callback`, state: nonce }));
  });

  router.get('/login/:provider/callback', async (ctx) => {
    const provider = state(ctx).view.get(AuthProviders, ctx.params.provider!);
    const nonce = ctx.cookies.get(PROVIDER_STATE_COOKIE);
    ctx.cookies.set(PROVIDER_STATE_COOKIE, null);
    if (!provider || !nonce) throw HttpError.notFound();
    const identity = await provider.complete({ query: ctx.query, state: nonce });
    const [link] = identity
      ? await state(ctx).em.execute<{ operatorId: string }[]>(
          `select i.operator_id as "operatorId" from core.operator_identity i join core.operator o on o.id = i.operator_id
           where i.provider = ? and i.subject = ? and o.active`,
          [provider.id, identity.subject],
        )
      : [];
    if (!link) {
      await audit(ctx, {
        action: 'auth.sign-in-failed',
        details: { provider: provider.id, reason: identity ? 'unknown-identity' : 'rejected' },
      });
      throw new HttpError(403, 'core:errors.403.title', undefined, [], 'core:auth.errors.unknownIdentity');
    }
    await startSession(ctx, link.operatorId, '/', provider.id);
  });

  router.post('/logout', async (ctx) => {
    const { sessionId } = state(ctx).principal;
    if (sessionId) {
      await state(ctx).em.transactional(async (em) => {
        await sessions.end(em, sessionId);
        await audit(ctx, { action: 'auth.sign-out' }, undefined, em);
      });
    }
    ctx.cookies.set(SESSION_COOKIE, null);
    ctx.redirect('/');
  });

  router.get('/session/organization', async (ctx) => {
    const operator = requireOperator(ctx);
    const current = state(ctx).principal.membership?.id;
    const locale = state(ctx).locale;
    const memberships = (await operators.memberships(state(ctx).em, operator.id)).map((m) => ({
      id: m.id,
      organization: m.organizationName,
      role: m.roleName[locale],
      current: m.id === current,
    }));
    await render(ctx, 'core:auth/organization', {
      title: state(ctx).ctxFor('core').t('core:auth.organization.title'),
      memberships,
      next: localPathOrHome(ctx.query.next),
    });
  });

  router.post('/session/organization', async (ctx) => {
    const operator = requireOperator(ctx);
    const body = (ctx.request.body ?? {}) as { membershipId?: unknown; next?: unknown };
    const id = uuid.safeParse(body.membershipId);
    const membership = id.success ? await operators.membership(state(ctx).em, operator.id, id.data) : null;
    if (!membership || !state(ctx).principal.sessionId)
      throw new HttpError(422, 'core:errors.422.title', undefined, [], 'core:auth.errors.membership');
    await state(ctx).em.transactional(async (em) => {
      await sessions.actAs(em, state(ctx).principal.sessionId!, membership.id);
      await audit(ctx, { action: 'auth.act-as', entity: 'membership', entityId: membership.id }, undefined, em);
    });
    ctx.redirect(localPathOrHome(body.next));
  });

  async function accountPage(ctx: ParameterizedContext, extra: Record<string, unknown> = {}, status = 200): Promise<void> {
    const operator = requireOperator(ctx);
    const { em, locale, principal } = state(ctx);
    const memberships = (await operators.memberships(em, operator.id)).map((m) => ({
      id: m.id,
      label: `${m.organizationName} — ${m.roleName[locale]}`,
      current: m.id === principal.membership?.id,
    }));
    await render(
      ctx,
      'core:account/index',
      {
        title: state(ctx).ctxFor('core').t('core:account.title'),
        operator,
        memberships,
        tokens: await apiTokens.list(em, operator.id),
        ...extra,
      },
      status,
    );
  }

  router.get('/account', (ctx) => accountPage(ctx));

  router.post('/account/password', async (ctx) => {
    const operator = requireOperator(ctx);
    const t = state(ctx).ctxFor('core').t;
    const parsed = passwordInput.safeParse(ctx.request.body ?? {});
    const input = parsed.success ? parsed.data : { current: '', next: '', confirm: '' };
    const problems = await state(ctx).em.transactional(async (em) => {
      const found =
        input.next !== input.confirm
          ? [{ field: 'confirm', messageKey: 'core:account.password.errors.mismatch' }]
          : await operators.changePassword(em, operator.id, input.current, input.next);
      await audit(
        ctx,
        {
          action: found.length ? 'account.password-change-refused' : 'account.password-changed',
          entity: 'operator',
          entityId: operator.id,
        },
        undefined,
        em,
      );
      return found;
    });
    if (problems.length) {
      return accountPage(ctx, { passwordErrors: problems.map((p) => ({ field: p.field, message: t(p.messageKey, { min: 12 }) })) }, 422);
    }
    await accountPage(ctx, { passwordChanged: true });
  });

  router.post('/account/sessions/end-all', async (ctx) => {
    const operator = requireOperator(ctx);
    await state(ctx).em.transactional(async (em) => {
      const ended = await sessions.endAll(em, operator.id);
      await audit(
        ctx,
        { action: 'auth.sign-out-everywhere', entity: 'operator', entityId: operator.id, details: { sessions: ended } },
        undefined,
        em,
      );
    });
    ctx.cookies.set(SESSION_COOKIE, null);
    ctx.redirect('/login');
  });

  router.post('/account/tokens', async (ctx) => {
    const operator = requireOperator(ctx);
    const t = state(ctx).ctxFor('core').t;
    const parsed = tokenInput.safeParse(ctx.request.body ?? {});
    const membership = parsed.success ? await operators.membership(state(ctx).em, operator.id, parsed.data.membershipId) : null;
    if (!parsed.success || !membership) {
      const errors = parsed.success
        ? [{ field: 'membershipId', message: t('core:account.tokens.errors.membership') }]
        : parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: t(i.message) }));
      return accountPage(ctx, { tokenErrors: errors }, 422);
    }
    const token = await state(ctx).em.transactional(async (em) => {
      const created = await apiTokens.create(em, operator.id, membership.id, parsed.data.name);
      await audit(
        ctx,
        { action: 'api-token.created', entity: 'membership', entityId: membership.id, details: { prefix: created.slice(0, 8) } },
        undefined,
        em,
      );
      return created;
    });
    await accountPage(ctx, { newToken: token });
  });

  router.post('/account/tokens/:id/revoke', async (ctx) => {
    const operator = requireOperator(ctx);
    const id = uuid.safeParse(ctx.params.id);
    const revoked =
      id.success &&
      (await state(ctx).em.transactional(async (em) => {
        const done = await apiTokens.revoke(em, operator.id, id.data);
        if (done) await audit(ctx, { action: 'api-token.revoked', entity: 'api_token', entityId: id.data }, undefined, em);
        return done;
      }));
    if (!revoked) throw HttpError.notFound();
    ctx.redirect('/account');
  });

  router.get('/api/v1/me', async (ctx) => {
    const { principal, locale } = state(ctx);
    const operator = requireOperator(ctx);
    ctx.body = {
      operator: { id: operator.id, displayName: operator.displayName },
      organization: principal.org,
      role: principal.membership ? { id: principal.membership.roleId, name: principal.membership.roleName[locale] } : null,
      via: principal.kind,
    };
  });

  return router;
}
