// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteContext, RouteRegistrar, RouteResult } from '../../sdk/routes';
import { HttpError } from '../../sdk/errors';
import { MIN_PASSWORD_LENGTH } from '../operators/passwords';
import type { AdminServices } from './services';
import type { OperatorDetail } from './operators';
import { ADMIN } from './permissions';
import { reachOf, type AdminReach } from './reach';
import {
  addMembership,
  createOperator,
  endOperatorSessions,
  grantableRoles,
  mayChangeAccount,
  operators,
  organizations,
  removeMembership,
  reservedRoles,
  setOperatorActive,
  unlockOperator,
  visibleOperator,
} from './actions';
import { attempt, organizationOptions, roleOptions, type Refusal } from './page-support';
import { membershipInput, operatorCreateInput, operatorSearchQuery, operatorStatusInput } from './schemas';

type Form = Record<string, unknown>;

/** What a redirect after a change may ask the page to confirm. */
const SAVED = ['created', 'membership-added', 'membership-removed', 'status', 'unlocked', 'sessions-ended'] as const;

/** The choices of a membership form: organizations within reach, roles the request may grant. */
async function grantChoices(ctx: RouteContext, reach: AdminReach, form: Form) {
  return {
    organizations: organizationOptions(await organizations.list(ctx.em, reach), form.organizationId ?? ctx.org?.id),
    roles: roleOptions(ctx, await grantableRoles(ctx, reach), form.roleId),
  };
}

async function newPage(ctx: RouteContext, reach: AdminReach, form: Form = {}, refusal: Refusal | null = null): Promise<RouteResult> {
  // A password typed once is never sent back to the browser.
  const shown = Object.fromEntries(Object.entries(form).filter(([key]) => key !== 'password'));
  return {
    view: 'core:admin/operator-form',
    model: {
      title: ctx.t('core:admin.operators.new.title'),
      form: shown,
      minPassword: MIN_PASSWORD_LENGTH,
      ...(await grantChoices(ctx, reach, form)),
      errors: refusal?.errors ?? [],
      problem: refusal?.problem ?? null,
    },
    status: refusal?.status ?? 200,
  };
}

async function showPage(
  ctx: RouteContext,
  reach: AdminReach,
  operator: OperatorDetail,
  state: { form?: Form; refusal?: Refusal | null; membershipRefusal?: Refusal | null } = {},
): Promise<RouteResult> {
  await ctx.audit({ action: 'operator.read', entity: 'operator', entityId: operator.id });
  const refusal = state.membershipRefusal ?? state.refusal ?? null;
  const id = { id: operator.id };
  const locked = operator.lockedUntil !== null && new Date(operator.lockedUntil) > new Date();
  const reserved = await reservedRoles(ctx);
  const account = mayChangeAccount(reach, operator, reserved);
  return {
    view: 'core:admin/operator',
    model: {
      title: operator.displayName,
      operator: { ...operator, locked },
      memberships: operator.memberships.map((m) => ({
        ...m,
        roleLabel: m.roleName[ctx.locale],
        organizationHref: ctx.can(ADMIN.organizations) ? ctx.url('core.admin.organizations.show', { id: m.organizationId }) : null,
        // The server refuses the others anyway; the page does not offer them.
        removeAction:
          reach.installation || !reserved.has(m.roleId)
            ? ctx.url('core.admin.operators.memberships.remove', { id: operator.id, membershipId: m.id })
            : null,
      })),
      membershipAction: ctx.url('core.admin.operators.memberships.create', id),
      statusAction: ctx.url('core.admin.operators.status', id),
      unlockAction: ctx.url('core.admin.operators.unlock', id),
      sessionsAction: ctx.url('core.admin.operators.sessions.end', id),
      canUnlock: locked || operator.failedAttempts > 0,
      accountRefusal: account === 'yes' ? null : ctx.t(`core:admin.operators.errors.${account}`),
      ...(await grantChoices(ctx, reach, state.form ?? {})),
      membershipErrors: state.membershipRefusal?.errors ?? [],
      problem: refusal?.problem ?? null,
      saved: SAVED.find((k) => k === ctx.query.saved) ?? null,
    },
    status: refusal?.status ?? 200,
  };
}

/** Operators' pages: the list, a new account with its first membership, one account with its memberships and the actions on it. */
export function registerOperatorPages(r: RouteRegistrar, services: () => AdminServices): void {
  const permission = ADMIN.operators;

  r.get('admin.operators', '/admin/operators', { permission }, async (ctx) => {
    const reach = await reachOf(ctx);
    const parsed = ctx.validate(operatorSearchQuery, ctx.query);
    const q = parsed.ok ? parsed.data : { q: undefined, page: 1, pageSize: 25 };
    const result = await operators.search(ctx.em, reach, q);
    await ctx.audit({ action: 'operator.search', entity: 'operator', details: { results: result.total } });
    const pages = Math.max(1, Math.ceil(result.total / q.pageSize));
    const link = (n: number) => `${ctx.url('core.admin.operators')}?${new URLSearchParams({ q: q.q ?? '', page: String(n) })}`;
    return {
      view: 'core:admin/operators',
      model: {
        title: ctx.t('core:admin.operators.title'),
        form: { q: ctx.query.q ?? '' },
        errors: parsed.ok ? [] : parsed.errors,
        items: result.items.map((o) => ({ ...o, href: ctx.url('core.admin.operators.show', { id: o.id }) })),
        total: result.total,
        page: q.page,
        pages,
        previous: q.page > 1 ? link(q.page - 1) : null,
        next: q.page < pages ? link(q.page + 1) : null,
      },
      status: parsed.ok ? 200 : 422,
    };
  });

  r.get('admin.operators.new', '/admin/operators/new', { permission }, async (ctx) => newPage(ctx, await reachOf(ctx)));

  r.post('admin.operators.create', '/admin/operators', { permission, body: operatorCreateInput }, async (ctx) => {
    const reach = await reachOf(ctx);
    const body = (ctx.body ?? {}) as Form;
    const parsed = ctx.validate(operatorCreateInput, body);
    if (!parsed.ok) return newPage(ctx, reach, body, { status: 422, errors: parsed.errors, problem: null });
    let id = '';
    const refusal = await attempt(async () => (id = await createOperator(ctx, reach, parsed.data)));
    if (refusal) return newPage(ctx, reach, body, refusal);
    return { redirect: `${ctx.url('core.admin.operators.show', { id })}?saved=created` };
  });

  r.get('admin.operators.show', '/admin/operators/:id', { permission }, async (ctx) => {
    const reach = await reachOf(ctx);
    return showPage(ctx, reach, await visibleOperator(ctx, reach, ctx.params.id));
  });

  /** An action on one operator: refused ones show their reason on the operator's page; done ones come back to it. */
  const action = (name: string, path: string, body: Parameters<RouteRegistrar['post']>[2]['body'], saved: string, run: Run) =>
    r.post(name, path, { permission, ...(body ? { body } : {}) }, async (ctx) => {
      const reach = await reachOf(ctx);
      const operator = await visibleOperator(ctx, reach, ctx.params.id);
      const refusal = await attempt(() => run(ctx, reach, operator));
      if (refusal) {
        return showPage(ctx, reach, await visibleOperator(ctx, reach, operator.id), {
          form: (ctx.body ?? {}) as Form,
          ...(refusal.errors.length ? { membershipRefusal: refusal } : { refusal }),
        });
      }
      return { redirect: `${ctx.url('core.admin.operators.show', { id: operator.id })}?saved=${saved}` };
    });
  type Run = (ctx: RouteContext, reach: AdminReach, operator: OperatorDetail) => Promise<unknown>;

  action(
    'admin.operators.memberships.create',
    '/admin/operators/:id/memberships',
    membershipInput,
    'membership-added',
    async (ctx, reach, op) => {
      const parsed = ctx.validate(membershipInput, ctx.body);
      if (!parsed.ok) throw HttpError.invalid(parsed.errors);
      return addMembership(ctx, reach, op, parsed.data);
    },
  );
  action(
    'admin.operators.memberships.remove',
    '/admin/operators/:id/memberships/:membershipId/remove',
    undefined,
    'membership-removed',
    (ctx, reach, op) => removeMembership(ctx, reach, op, ctx.params.membershipId),
  );
  action('admin.operators.status', '/admin/operators/:id/status', operatorStatusInput, 'status', async (ctx, reach, op) => {
    const parsed = ctx.validate(operatorStatusInput, ctx.body);
    if (!parsed.ok) throw HttpError.invalid(parsed.errors);
    return setOperatorActive(ctx, services(), reach, op, parsed.data.active);
  });
  action('admin.operators.unlock', '/admin/operators/:id/unlock', undefined, 'unlocked', (ctx, reach, op) =>
    unlockOperator(ctx, reach, op),
  );
  action('admin.operators.sessions.end', '/admin/operators/:id/sessions/end', undefined, 'sessions-ended', (ctx, reach, op) =>
    endOperatorSessions(ctx, services(), reach, op),
  );
}
