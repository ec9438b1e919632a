// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteContext, RouteRegistrar, RouteResult } from '../../sdk/routes';
import type { FieldError } from '../../sdk/errors';
import { labeller, options } from '../access/code-options';
import { localToday } from '../../sdk/local-time';
import { LEGAL_BASES } from '../consents/codes';
import type { Cartella } from './cartelle';
import { SHARE_PARTS, type CartellaShare } from './sharing';
import { shareGrantInput } from './share-schemas';
import { grantErrors, grantees, grantShare, ownCartella, ownOrSharedCartella, revokeShare, sharing, sharingConsent } from './share-actions';

const body = (ctx: RouteContext): Record<string, unknown> => (ctx.body ?? {}) as Record<string, unknown>;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);

/** A share as the pages show it. */
export function shareModel(ctx: Pick<RouteContext, 't' | 'locale' | 'extensions'>, s: CartellaShare) {
  return {
    ...s,
    partLabels: s.parts.map((p) => ctx.t(`core:sharing.parts.${p}`)),
    statusLabel: ctx.t(`core:sharing.status.${s.status}`),
    legalBasisLabel: s.legalBasis ? labeller(ctx, LEGAL_BASES)(s.legalBasis) : null,
    active: s.status === 'active',
  };
}

/** The owner's page of a cartella's shares: the grant form (with whether a consent to sharing is on record) and the list with revoke. */
async function sharesPage(
  ctx: RouteContext,
  c: Cartella,
  values: Record<string, unknown> = {},
  errors: readonly FieldError[] = [],
  status = 200,
): Promise<RouteResult> {
  const shares = await sharing.of(ctx.em, c.id);
  await ctx.audit({ action: 'cartella.share.list', entity: 'cartella', entityId: c.id, details: { results: shares.length } });
  const consented = await sharingConsent(ctx, c);
  const parts = values.granteeCode === undefined ? ['summary'] : ['summary', ...list(values.parts)];
  const orgs = await grantees(ctx);
  return {
    view: 'core:cartella/shares',
    subject: { kind: 'cartella', id: c.id },
    status,
    model: {
      title: ctx.t('core:sharing.page.title', { number: c.number }),
      cartella: { ...c, href: ctx.url('core.cartelle.show', { id: c.id }) },
      privacyHref: ctx.can('core.consents.view') ? ctx.url('core.cartelle.privacy', { id: c.id }) : null,
      shares: shares.map((s) => ({
        ...shareModel(ctx, s),
        revokeAction: s.status === 'active' && s.owned ? ctx.url('core.cartelle.shares.revoke', { id: c.id, shareId: s.id }) : null,
      })),
      form:
        c.state === 'closed'
          ? null
          : {
              action: ctx.url('core.cartelle.shares.grant', { id: c.id }),
              organizations: orgs.map((o) => ({ code: o.code, label: `${o.name} (${o.code})`, selected: o.code === values.granteeCode })),
              parts: SHARE_PARTS.map((p) => ({
                code: p,
                label: ctx.t(`core:sharing.parts.${p}`),
                hint: ctx.t(`core:sharing.partHints.${p}`),
                checked: parts.includes(p),
                fixed: p === 'summary',
              })),
              purpose: text(values.purpose),
              expiresOn: text(values.expiresOn),
              today: localToday(),
              consented,
              bases: options(ctx, LEGAL_BASES, values.legalBasis ?? (consented ? 'consent' : undefined)),
            },
      errors,
      saved: ctx.query.saved === '1',
    },
  };
}

/** The partner's list: cartelle shared with its organizations, live shares only. */
async function receivedPage(ctx: RouteContext): Promise<RouteResult> {
  const shares = await sharing.sharedWithScope(ctx.em);
  await ctx.audit({ action: 'cartella.shared.list', entity: 'cartella', details: { results: shares.length } });
  return {
    view: 'core:cartella/shares-received',
    model: {
      title: ctx.t('core:sharing.received.title'),
      shares: shares.map((s) => ({ ...shareModel(ctx, s), href: ctx.url('core.cartelle.show', { id: s.cartellaId }) })),
    },
  };
}

/** Registered before the cartella's `:id` pages, for `/cartelle/shared`. */
export function registerSharePages(r: RouteRegistrar): void {
  r.get('cartelle.shared', '/cartelle/shared', { permission: 'core.cartella.view' }, receivedPage);

  r.get('cartelle.shares', '/cartelle/:id/shares', { permission: 'core.cartella.share' }, async (ctx) =>
    sharesPage(ctx, await ownCartella(ctx, ctx.params.id)),
  );

  r.post('cartelle.shares.grant', '/cartelle/:id/shares', { permission: 'core.cartella.share', body: shareGrantInput }, async (ctx) => {
    const cartella = await ownCartella(ctx, ctx.params.id);
    const values = body(ctx);
    const parsed = ctx.validate(shareGrantInput, values);
    if (!parsed.ok) return sharesPage(ctx, cartella, { granteeCode: '', ...values }, parsed.errors, 422);
    const checked = await grantErrors(ctx, cartella, parsed.data);
    if (checked.errors.length) return sharesPage(ctx, cartella, values, checked.errors, 422);
    await grantShare(ctx, cartella, parsed.data, checked);
    return { redirect: `${ctx.url('core.cartelle.shares', { id: cartella.id })}?saved=1` };
  });

  r.post('cartelle.shares.revoke', '/cartelle/:id/shares/:shareId/revoke', { permission: 'core.cartella.share' }, async (ctx) => {
    const { cartella } = await ownOrSharedCartella(ctx, ctx.params.id);
    await revokeShare(ctx, cartella, ctx.params.shareId);
    return { redirect: `${ctx.url('core.cartelle.shares', { id: cartella.id })}?saved=1` };
  });
}
