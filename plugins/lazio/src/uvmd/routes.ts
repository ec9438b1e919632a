// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  CoreServices,
  HealthSystemPort,
  HttpError,
  dateTimeFormat,
  outboundState,
  localToday,
  z,
  type CartellaSharing,
  type FieldError,
  type PluginRegistrar,
  type RouteContext,
  type RouteRegistrar,
  type RouteResult,
} from '@sigess/core/sdk';
import {
  CARE_SETTINGS,
  CLINICAL_STABILITY,
  DEFAULT_SHARE_DAYS,
  MEMBER_ROLES,
  MEMBER_SIDES,
  NURSING_NEEDS,
  OUTCOMES,
  SHARED_PARTS,
  UVMD_FORMS,
  healthDistrictFor,
} from './data';
import { UVMD } from './permissions';
import { recordUvmdOutcome, uvmdOutcomeKey } from '../integrations/messages';
import { stateView } from '../integrations/slots';
import { healthInput, outcomeInput, sessionInput, type HealthInput, type OutcomeInput, type SessionInput } from './schemas';
import {
  cartellaSummary,
  healthDistrictId,
  healthDistricts,
  insertSession,
  saveDecision,
  saveHealth,
  sessionById,
  visibleSessions,
  type CartellaSummary,
  type Session,
} from './store';

type Form = Record<string, unknown>;

/** A date as the operator reads it (`24/11/2026`); a plain date is a day, formatted as UTC so it never shifts. */
const longDate = (ctx: RouteContext, iso: string): string =>
  dateTimeFormat(ctx.locale === 'it' ? 'it-IT' : 'en-GB', { dateStyle: 'short', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const option = (ctx: RouteContext, group: string, code: string, selected: unknown) => ({
  code,
  label: ctx.t(`lazio:uvmd.${group}.${code}`),
  selected: Array.isArray(selected) ? selected.includes(code) : selected === code,
});

/** The share's field errors, said of the session's fields. */
const SHARE_FIELDS: Record<string, string> = { granteeCode: 'healthDistrictCode', expiresOn: 'shareExpiresOn', legalBasis: 'legalBasis' };

async function sessionOr404(ctx: RouteContext): Promise<Session> {
  const session = await sessionById(ctx, ctx.params.id);
  if (!session) throw HttpError.notFound();
  return session;
}

/** Reads of one record or of a list, written to the audit log in one call. */
async function auditRead(ctx: RouteContext, read: Session | readonly Session[]): Promise<void> {
  const records = Array.isArray(read) ? read : [read as Session];
  await ctx.audit(
    records.map((s) => ({ action: 'lazio.uvmd.read', entity: 'cartella', entityId: s.cartellaId, details: { session: s.id } })),
  );
}

/** Schedules a session: the cartella is shared with the health district through core, then the session recorded. */
async function schedule(ctx: RouteContext, sharing: CartellaSharing, input: SessionInput): Promise<Session> {
  const cartella = await cartellaSummary(ctx, input.cartellaId);
  if (!cartella?.owned) throw HttpError.notFound();
  const districtId = await healthDistrictId(ctx, input.healthDistrictCode);
  if (!districtId) throw HttpError.invalid([{ field: 'healthDistrictCode', message: ctx.t('lazio:uvmd.errors.district') }]);
  let shareId: string;
  try {
    const share = await sharing.grant(ctx, cartella.id, {
      granteeCode: input.healthDistrictCode,
      parts: SHARED_PARTS,
      purpose: ctx.t('lazio:uvmd.sharePurpose', { date: longDate(ctx, input.scheduledOn) }),
      expiresOn: input.shareExpiresOn,
      legalBasis: input.legalBasis,
    });
    shareId = share.id;
  } catch (error) {
    if (error instanceof HttpError && error.status === 422)
      throw HttpError.invalid(error.errors.map((e: FieldError) => ({ ...e, field: SHARE_FIELDS[e.field] ?? e.field })));
    throw error;
  }
  const id = await insertSession(ctx, cartella, input, districtId, shareId);
  await ctx.audit({
    action: 'lazio.uvmd.schedule',
    entity: 'cartella',
    entityId: cartella.id,
    details: { session: id, share: shareId, healthDistrict: input.healthDistrictCode, scheduledOn: input.scheduledOn },
  });
  return (await sessionById(ctx, id))!;
}

async function recordHealth(ctx: RouteContext, session: Session, input: HealthInput): Promise<Session> {
  if (session.outcome) throw new HttpError(409, 'core:errors.409.title', ctx.t('lazio:uvmd.errors.decided'));
  await saveHealth(ctx, session.id, input);
  await ctx.audit({ action: 'lazio.uvmd.health', entity: 'cartella', entityId: session.cartellaId, details: { session: session.id } });
  return (await sessionById(ctx, session.id))!;
}

async function decide(ctx: RouteContext, session: Session, input: OutcomeInput): Promise<Session> {
  if (!session.owned) throw new HttpError(403, 'core:errors.403.title', ctx.t('lazio:uvmd.errors.ownerDecides'));
  if (session.outcome) throw new HttpError(409, 'core:errors.409.title', ctx.t('lazio:uvmd.errors.decided'));
  await saveDecision(ctx, session.id, input);
  await ctx.audit({
    action: 'lazio.uvmd.decide',
    entity: 'cartella',
    entityId: session.cartellaId,
    details: { session: session.id, outcome: input.outcome },
  });
  // The regional socio-health system receives the outcome and the PAI: recorded with the decision, delivered after it.
  await recordUvmdOutcome(ctx, session.id);
  return (await sessionById(ctx, session.id))!;
}

function sessionView(ctx: RouteContext, s: Session, share: { status: string; expiresOn: string } | null) {
  return {
    ...s,
    href: ctx.url('lazio.uvmd.show', { id: s.id }),
    cartellaHref: ctx.url('core.cartelle.show', { id: s.cartellaId }),
    formLabel: ctx.t(`lazio:uvmd.forms.${s.formId}`),
    assessHref: ctx.can(UVMD.assess) ? `${ctx.url('core.assessments.new', { id: s.personId })}?form=${s.formId}` : null,
    members: s.members.map((m) => ({
      ...m,
      roleLabel: ctx.t(`lazio:uvmd.roles.${m.role}`),
      sideLabel: ctx.t(`lazio:uvmd.sides.${m.side}`),
    })),
    health: s.health
      ? {
          ...s.health,
          stabilityLabel: ctx.t(`lazio:uvmd.stability.${s.health.stability}`),
          nursingLabels: s.health.nursingNeeds.map((n) => ctx.t(`lazio:uvmd.nursing.${n}`)),
        }
      : null,
    outcomeLabel: s.outcome ? ctx.t(`lazio:uvmd.outcomes.${s.outcome}`) : null,
    settingLabel: s.decision?.setting ? ctx.t(`lazio:uvmd.settings.${s.decision.setting}`) : null,
    share: share ? { ...share, statusLabel: ctx.t(`lazio:uvmd.shareStatus.${share.status}`), live: share.status === 'active' } : null,
  };
}

export function registerUvmdRoutes(r: RouteRegistrar, container: PluginRegistrar['container']): void {
  const sharing = (): CartellaSharing => container.resolve<CartellaSharing>(CoreServices.cartellaSharing);

  async function newPage(
    ctx: RouteContext,
    cartella: CartellaSummary,
    form: Form = {},
    errors: readonly FieldError[] = [],
    status = 200,
  ): Promise<RouteResult> {
    const scheduledOn = typeof form.scheduledOn === 'string' ? form.scheduledOn : localToday();
    const members = (Array.isArray(form.members) ? form.members : Object.values((form.members as object) ?? {})) as Form[];
    const rows = [0, 1, 2, 3].map(
      (i) => members[i] ?? (i === 0 ? { side: 'comune', role: 'social-worker' } : i === 1 ? { side: 'asl', role: 'district-doctor' } : {}),
    );
    const district = (form.healthDistrictCode as string | undefined) ?? healthDistrictFor(cartella.ownerCodes) ?? '';
    return {
      view: 'lazio:uvmd/new',
      status,
      model: {
        title: ctx.t('lazio:uvmd.new.title'),
        cartella: { ...cartella, href: ctx.url('core.cartelle.show', { id: cartella.id }) },
        action: ctx.url('lazio.uvmd.create'),
        errors,
        form: { ...form, scheduledOn, shareExpiresOn: form.shareExpiresOn ?? addDays(scheduledOn, DEFAULT_SHARE_DAYS) },
        forms: UVMD_FORMS.map((c) => ({ code: c, label: ctx.t(`lazio:uvmd.forms.${c}`), selected: form.formId === c })),
        districts: (await healthDistricts(ctx)).map((d) => ({ code: d.code, label: d.name, selected: d.code === district })),
        legalBases: ['care', 'public-task', 'legal-obligation', 'vital-interest'].map((c) => ({
          code: c,
          label: ctx.t(`lazio:uvmd.legalBases.${c}`),
          selected: form.legalBasis === c,
        })),
        rows: rows.map((m, i) => ({
          index: i,
          name: m.name ?? '',
          roles: MEMBER_ROLES.map((c) => option(ctx, 'roles', c, m.role)),
          sides: MEMBER_SIDES.map((c) => option(ctx, 'sides', c, m.side)),
        })),
      },
    };
  }

  async function showPage(
    ctx: RouteContext,
    session: Session,
    forms: { health?: [Form, readonly FieldError[]]; outcome?: [Form, readonly FieldError[]] } = {},
    status = 200,
  ): Promise<RouteResult> {
    const share = await sharing().find(ctx, session.cartellaId, session.shareId);
    const regional = session.outcome ? stateView(ctx, await outboundState(ctx, HealthSystemPort, uvmdOutcomeKey(session.id))) : null;
    const [healthForm, healthErrors] = forms.health ?? [{}, []];
    const [outcomeForm, outcomeErrors] = forms.outcome ?? [{}, []];
    return {
      view: 'lazio:uvmd/show',
      status,
      model: {
        title: ctx.t('lazio:uvmd.show.title', { date: longDate(ctx, session.scheduledOn) }),
        session: sessionView(ctx, session, share),
        regional,
        saved: typeof ctx.query.saved === 'string' ? ctx.t(`lazio:uvmd.saved.${ctx.query.saved}`, { defaultValue: '' }) : null,
        canHealth: !session.outcome && ctx.can(UVMD.health),
        canDecide: !session.outcome && session.owned && ctx.can(UVMD.decide),
        canRevoke: session.owned && share?.status === 'active' && ctx.can(UVMD.schedule),
        healthAction: ctx.url('lazio.uvmd.health', { id: session.id }),
        outcomeAction: ctx.url('lazio.uvmd.outcome', { id: session.id }),
        revokeAction: ctx.url('lazio.uvmd.revoke', { id: session.id }),
        healthErrors,
        outcomeErrors,
        healthForm,
        outcomeForm,
        stabilities: CLINICAL_STABILITY.map((c) => option(ctx, 'stability', c, healthForm.stability)),
        nursing: NURSING_NEEDS.map((c) => option(ctx, 'nursing', c, healthForm.nursingNeeds)),
        outcomes: OUTCOMES.map((c) => option(ctx, 'outcomes', c, outcomeForm.outcome)),
        settings: CARE_SETTINGS.map((c) => option(ctx, 'settings', c, outcomeForm.setting)),
      },
    };
  }

  r.get('uvmd.list', '/uvmd', { permission: UVMD.view }, async (ctx) => {
    const sessions = await visibleSessions(ctx);
    await auditRead(ctx, sessions);
    return {
      view: 'lazio:uvmd/list',
      model: { title: ctx.t('lazio:uvmd.list.title'), sessions: sessions.map((s) => sessionView(ctx, s, null)) },
    };
  });

  r.get('uvmd.new', '/uvmd/new', { permission: UVMD.schedule }, async (ctx) => {
    const cartella = await cartellaSummary(ctx, ctx.query.cartella);
    if (!cartella?.owned) throw HttpError.notFound();
    return newPage(ctx, cartella);
  });

  r.post('uvmd.create', '/uvmd', { permission: UVMD.schedule }, async (ctx) => {
    const body = (ctx.body ?? {}) as Form;
    const cartella = await cartellaSummary(ctx, body.cartellaId);
    if (!cartella?.owned) throw HttpError.notFound();
    const parsed = ctx.validate(sessionInput, body);
    if (!parsed.ok) return newPage(ctx, cartella, body, parsed.errors, 422);
    try {
      const session = await schedule(ctx, sharing(), parsed.data);
      return { redirect: `${ctx.url('lazio.uvmd.show', { id: session.id })}?saved=scheduled` };
    } catch (error) {
      if (error instanceof HttpError && error.status === 422) return newPage(ctx, cartella, body, error.errors, 422);
      throw error;
    }
  });

  r.get('uvmd.show', '/uvmd/:id', { permission: UVMD.view }, async (ctx) => {
    const session = await sessionOr404(ctx);
    await auditRead(ctx, session);
    return showPage(ctx, session);
  });

  r.post('uvmd.health', '/uvmd/:id/health', { permission: UVMD.health }, async (ctx) => {
    const session = await sessionOr404(ctx);
    const body = (ctx.body ?? {}) as Form;
    const parsed = ctx.validate(healthInput, body);
    if (!parsed.ok) return showPage(ctx, session, { health: [body, parsed.errors] }, 422);
    await recordHealth(ctx, session, parsed.data);
    return { redirect: `${ctx.url('lazio.uvmd.show', { id: session.id })}?saved=health` };
  });

  r.post('uvmd.outcome', '/uvmd/:id/outcome', { permission: UVMD.decide }, async (ctx) => {
    const session = await sessionOr404(ctx);
    const body = (ctx.body ?? {}) as Form;
    const parsed = ctx.validate(outcomeInput, body);
    if (!parsed.ok) return showPage(ctx, session, { outcome: [body, parsed.errors] }, 422);
    await decide(ctx, session, parsed.data);
    return { redirect: `${ctx.url('lazio.uvmd.show', { id: session.id })}?saved=outcome` };
  });

  r.post('uvmd.revoke', '/uvmd/:id/share/revoke', { permission: UVMD.schedule }, async (ctx) => {
    const session = await sessionOr404(ctx);
    await sharing().revoke(ctx, session.cartellaId, session.shareId);
    return { redirect: `${ctx.url('lazio.uvmd.show', { id: session.id })}?saved=revoked` };
  });

  // The API: the same operations, checks and audit.
  // `owned` tells a client which side it is on: the cartella's owner, or the health district it is shared with.
  const sessionJson = (s: Session): Session => s;
  const sessionOutput = z
    .object({
      id: z.uuid(),
      cartellaId: z.uuid(),
      personId: z.uuid(),
      scheduledOn: z.string(),
      formId: z.string(),
      shareId: z.uuid(),
      outcome: z.string().nullable(),
    })
    .loose()
    .meta({ id: 'LazioUvmdSessionRecord' });

  r.get(
    'api.uvmd.list',
    '/api/uvmd',
    { permission: UVMD.view, response: z.object({ items: z.array(sessionOutput) }), summary: 'The UVMD sessions the caller sees' },
    async (ctx) => {
      const sessions = await visibleSessions(ctx);
      await auditRead(ctx, sessions);
      return { json: { items: sessions.map(sessionJson) } };
    },
  );
  r.post(
    'api.uvmd.create',
    '/api/uvmd',
    {
      permission: UVMD.schedule,
      body: sessionInput,
      response: sessionOutput,
      summary: 'Schedule a UVMD session, sharing the cartella with the health district',
    },
    async (ctx) => ({
      json: sessionJson(await schedule(ctx, sharing(), ctx.body as SessionInput)),
      status: 201,
    }),
  );
  r.get('api.uvmd.show', '/api/uvmd/:id', { permission: UVMD.view, response: sessionOutput, summary: 'A UVMD session' }, async (ctx) => {
    const session = await sessionOr404(ctx);
    await auditRead(ctx, session);
    return { json: sessionJson(session) };
  });
  r.post(
    'api.uvmd.health',
    '/api/uvmd/:id/health',
    { permission: UVMD.health, body: healthInput, response: sessionOutput, summary: "Record the UVMD's health part" },
    async (ctx) => ({
      json: sessionJson(await recordHealth(ctx, await sessionOr404(ctx), ctx.body as HealthInput)),
    }),
  );
  r.post(
    'api.uvmd.outcome',
    '/api/uvmd/:id/outcome',
    { permission: UVMD.decide, body: outcomeInput, response: sessionOutput, summary: "Record the UVMD's outcome and PAI" },
    async (ctx) => ({
      json: sessionJson(await decide(ctx, await sessionOr404(ctx), ctx.body as OutcomeInput)),
    }),
  );
  r.post(
    'api.uvmd.revoke',
    '/api/uvmd/:id/share/revoke',
    { permission: UVMD.schedule, response: sessionOutput, summary: 'End the share of a UVMD session now' },
    async (ctx) => {
      const session = await sessionOr404(ctx);
      await sharing().revoke(ctx, session.cartellaId, session.shareId);
      return { json: sessionJson(session) };
    },
  );
}
