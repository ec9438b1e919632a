// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteContext, RouteRegistrar, RouteResult } from '../../sdk/routes';
import type { FieldError } from '../../sdk/errors';
import { labeller, options } from '../access/code-options';
import { localToday } from '../../sdk/local-time';
import { visibleCartella } from '../cartella/actions';
import type { Cartella } from '../cartella/cartelle';
import { CONSENT_GIVERS, CONSENT_KINDS, CONSENT_PURPOSES, LEGAL_BASES } from './codes';
import type { Consent } from './consents';
import { consentErrors, readConsents, recordConsent, withdrawConsent } from './actions';
import { consentInput, withdrawInput } from './schemas';

const body = (ctx: RouteContext): Record<string, unknown> => (ctx.body ?? {}) as Record<string, unknown>;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A consent as the page and the cartella's section show it. */
export function consentModel(ctx: RouteContext, c: Consent) {
  return {
    ...c,
    kindLabel: ctx.t(`core:consents.kinds.${c.kind}`),
    purposeLabel: labeller(ctx, CONSENT_PURPOSES)(c.purpose),
    givenByLabel: labeller(ctx, CONSENT_GIVERS)(c.givenBy),
    legalBasisLabel: c.legalBasis ? labeller(ctx, LEGAL_BASES)(c.legalBasis) : null,
    withdrawn: !c.inForce,
  };
}

interface PrivacyState {
  readonly status?: number;
  readonly errors?: readonly FieldError[];
  /** `record`, or the id of the consent whose withdrawal was sent. */
  readonly form?: string;
  readonly values?: Record<string, unknown>;
}

/** The cartella's privacy page: the notice given or not, the consents with their history, the forms to record and withdraw. */
async function privacyPage(ctx: RouteContext, c: Cartella, state: PrivacyState = {}): Promise<RouteResult> {
  const list = await readConsents(ctx, c);
  const canManage = ctx.can('core.consents.manage');
  const values = state.form === 'record' ? (state.values ?? {}) : {};
  // Each consent has its withdrawal form on the page: its fields, and so its errors, carry the consent's id.
  const prefix = state.form && state.form !== 'record' ? `w-${state.form}-` : '';
  const errors = (state.errors ?? []).map((e) => ({ ...e, field: `${prefix}${e.field}` }));
  const notice = list.find((x) => x.kind === 'notice') ?? null;
  return {
    view: 'core:consents/privacy',
    subject: { kind: 'cartella', id: c.id },
    status: state.status ?? 200,
    model: {
      title: ctx.t('core:consents.page.title', { number: c.number }),
      cartella: { ...c, href: ctx.url('core.cartelle.show', { id: c.id }) },
      notice: notice ? consentModel(ctx, notice) : null,
      consents: list
        .filter((x) => x.kind === 'consent')
        .map((x) => {
          const mine = state.form === x.id;
          return {
            ...consentModel(ctx, x),
            withdrawAction: canManage && x.inForce ? ctx.url('core.cartelle.consents.withdraw', { id: c.id, consentId: x.id }) : null,
            withdrawOn: mine ? text(state.values?.withdrawnOn) || localToday() : localToday(),
            withdrawNote: mine ? text(state.values?.note) : '',
            open: mine,
            errors: mine ? errors : [],
          };
        }),
      notices: list.filter((x) => x.kind === 'notice').map((x) => consentModel(ctx, x)),
      form: canManage
        ? {
            action: ctx.url('core.cartelle.consents.add', { id: c.id }),
            kinds: CONSENT_KINDS.map((k) => ({
              code: k,
              label: ctx.t(`core:consents.kinds.${k}`),
              selected: (values.kind ?? 'consent') === k,
            })),
            purposes: options(ctx, CONSENT_PURPOSES, values.purpose),
            givers: options(ctx, CONSENT_GIVERS, values.givenBy ?? 'interessato'),
            bases: options(ctx, LEGAL_BASES, values.legalBasis),
            givenOn: text(values.givenOn) || localToday(),
            givenByName: text(values.givenByName),
            documentRef: text(values.documentRef),
            open: state.form === 'record',
            errors: state.form === 'record' ? errors : [],
          }
        : null,
      sharesHref: ctx.can('core.cartella.share') ? ctx.url('core.cartelle.shares', { id: c.id }) : null,
      errors,
      saved: ctx.query.saved === '1',
    },
  };
}

export function registerConsentPages(r: RouteRegistrar): void {
  r.get('cartelle.privacy', '/cartelle/:id/privacy', { permission: 'core.consents.view' }, async (ctx) =>
    privacyPage(ctx, await visibleCartella(ctx, ctx.params.id)),
  );

  r.post('cartelle.consents.add', '/cartelle/:id/consents', { permission: 'core.consents.manage', body: consentInput }, async (ctx) => {
    const cartella = await visibleCartella(ctx, ctx.params.id);
    const parsed = ctx.validate(consentInput, body(ctx));
    const errors = parsed.ok ? consentErrors(ctx, parsed.data) : parsed.errors;
    if (!parsed.ok || errors.length) return privacyPage(ctx, cartella, { status: 422, errors, form: 'record', values: body(ctx) });
    await recordConsent(ctx, cartella, parsed.data);
    return { redirect: `${ctx.url('core.cartelle.privacy', { id: cartella.id })}?saved=1` };
  });

  r.post(
    'cartelle.consents.withdraw',
    '/cartelle/:id/consents/:consentId/withdraw',
    { permission: 'core.consents.manage', body: withdrawInput },
    async (ctx) => {
      const cartella = await visibleCartella(ctx, ctx.params.id);
      const id = ctx.params.consentId ?? '';
      const parsed = ctx.validate(withdrawInput, body(ctx));
      const errors = parsed.ok ? await withdrawConsent(ctx, cartella, id, parsed.data) : parsed.errors;
      if (errors.length) return privacyPage(ctx, cartella, { status: 422, errors, form: id, values: body(ctx) });
      return { redirect: `${ctx.url('core.cartelle.privacy', { id: cartella.id })}?saved=1` };
    },
  );
}
