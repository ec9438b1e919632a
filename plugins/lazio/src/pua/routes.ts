// SPDX-License-Identifier: AGPL-3.0-or-later
import { HttpError, z, type RouteContext, type RouteRegistrar, type RouteResult } from '@sigess/core/sdk';
import { PRE_ASSESSMENT, PRE_ASSESSMENT_BANDS, PUA_LEVELS, PUA_OUTCOMES, REQUESTERS, SOCIO_HEALTH_NEEDS, scoreOf } from './pre-assessment';
import { schedaInput, type SchedaInput } from './schemas';
import { backOfficeQueue, contactSummary, insertScheda, schedaOfContact, type ContactSummary, type Scheda } from './store';
import { PUA } from './permissions';
import { recordPuaScheda } from '../integrations/messages';

type Form = Record<string, unknown>;

/** The contact a scheda completes, or 404 (outside the request's reach it does not exist). */
async function contactOr404(ctx: RouteContext): Promise<ContactSummary> {
  const contact = await contactSummary(ctx, ctx.params.contactId);
  if (!contact) throw HttpError.notFound();
  return contact;
}

const option = (ctx: RouteContext, group: string, code: string, selected: unknown) => ({
  code,
  label: ctx.t(`lazio:pua.${group}.${code}`),
  selected: Array.isArray(selected) ? selected.includes(code) : selected === code,
});

/** A scheda in words, for the page and the API. */
function schedaView(ctx: RouteContext, s: Scheda) {
  return {
    id: s.id,
    person: `${s.surname} ${s.name}`,
    personHref: ctx.url('core.people.show', { id: s.personId }),
    contactHref: ctx.url('core.access.show', { id: s.accessContactId }),
    schedaHref: ctx.url('lazio.pua.scheda', { contactId: s.accessContactId }),
    // The back office takes the person in charge from the scheda. Core links a cartella to a contact only when the
    // contact's own outcome is a taking in charge; the scheda's outcome is Lazio's, so the cartella is the person's.
    takeInChargeHref: ctx.can('core.cartella.manage')
      ? `${ctx.url('core.cartelle.new')}?${new URLSearchParams({ person: s.personId })}`
      : null,
    pointName: s.pointName,
    level: ctx.t(`lazio:pua.levels.${s.level}`),
    requestedBy: ctx.t(`lazio:pua.requesters.${s.requestedBy}`),
    needs: s.needs.map((n) => ctx.t(`lazio:pua.needs.${n}`)),
    answers: PRE_ASSESSMENT.map((item) => ({
      label: ctx.t(`lazio:pua.items.${item.id}.label`),
      answer: ctx.t(`lazio:pua.items.${item.id}.levels.${s.answers[item.id]}`),
    })),
    score: s.score,
    band: ctx.t(`lazio:pua.bands.${s.band}`),
    complex: s.band === 'complex',
    outcome: ctx.t(`lazio:pua.outcomes.${s.outcome}`),
    sentToBackOffice: s.outcome === 'back-office',
    outcomeNote: s.outcomeNote,
    recordedAt: s.recordedAt,
    recordedBy: s.recordedBy,
  };
}

function schedaPage(
  ctx: RouteContext,
  contact: ContactSummary,
  scheda: Scheda | null,
  form: Form = {},
  errors: readonly { field: string; message: string }[] = [],
  status = 200,
): RouteResult {
  const answers = (form.answers ?? {}) as Record<string, unknown>;
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message ?? null;
  return {
    view: 'lazio:pua/scheda',
    status,
    subject: contact.personId ? { kind: 'person', id: contact.personId } : undefined,
    model: {
      title: ctx.t('lazio:pua.title'),
      contact: { ...contact, href: ctx.url('core.access.show', { id: contact.id }) },
      scheda: scheda ? schedaView(ctx, scheda) : null,
      saved: ctx.query.saved === '1',
      canRecord: !scheda && Boolean(contact.personId) && ctx.can(PUA.record),
      needsPerson: !contact.personId,
      action: ctx.url('lazio.pua.save', { contactId: contact.id }),
      errors,
      levels: PUA_LEVELS.map((c) => option(ctx, 'levels', c, form.level ?? (contact.pointSubkind === 'pua' ? undefined : 'comunale'))),
      requesters: REQUESTERS.map((c) => option(ctx, 'requesters', c, form.requestedBy)),
      needs: SOCIO_HEALTH_NEEDS.map((c) => option(ctx, 'needs', c, form.needs)),
      items: PRE_ASSESSMENT.map((item) => ({
        id: item.id,
        label: ctx.t(`lazio:pua.items.${item.id}.label`),
        error: errorOf(`answers.${item.id}`),
        levels: item.levels.map((level, points) => ({
          code: level,
          points,
          label: ctx.t(`lazio:pua.items.${item.id}.levels.${level}`),
          selected: answers[item.id] === level,
        })),
      })),
      bands: PRE_ASSESSMENT_BANDS.map((b) => ({ ...b, label: ctx.t(`lazio:pua.bands.${b.id}`) })),
      outcomes: PUA_OUTCOMES.map((c) => option(ctx, 'outcomes', c, form.outcome)),
      outcomeNote: typeof form.outcomeNote === 'string' ? form.outcomeNote : '',
      fieldErrors: {
        level: errorOf('level'),
        requestedBy: errorOf('requestedBy'),
        needs: errorOf('needs'),
        outcome: errorOf('outcome'),
        outcomeNote: errorOf('outcomeNote'),
      },
    },
  };
}

/** Records the scheda once per contact; the person must be known (the registry is where the cartella starts). */
async function recordScheda(ctx: RouteContext, contact: ContactSummary, input: SchedaInput): Promise<Scheda> {
  if (!contact.personId) throw HttpError.invalid([{ field: 'personId', message: ctx.t('lazio:pua.errors.personFirst') }]);
  if (await schedaOfContact(ctx, contact.id)) throw new HttpError(409, 'core:errors.409.title', ctx.t('lazio:pua.errors.exists'));
  const scored = scoreOf(input.answers as Record<string, string>);
  const id = await insertScheda(ctx, { ...contact, personId: contact.personId }, input, scored);
  await ctx.audit({
    action: 'lazio.pua-scheda.create',
    entity: 'person',
    entityId: contact.personId,
    details: { scheda: id, contact: contact.id, band: scored.band, outcome: input.outcome },
  });
  // The regional socio-health system receives every scheda: recorded now, delivered after the commit (or later).
  await recordPuaScheda(ctx, contact.id);
  return (await schedaOfContact(ctx, contact.id))!;
}

const schedaOutput = z
  .object({
    id: z.uuid(),
    accessContactId: z.uuid(),
    personId: z.uuid(),
    level: z.enum(PUA_LEVELS),
    requestedBy: z.enum(REQUESTERS),
    needs: z.array(z.enum(SOCIO_HEALTH_NEEDS)),
    answers: z.record(z.string(), z.string()),
    score: z.number().int(),
    band: z.enum(PRE_ASSESSMENT_BANDS.map((b) => b.id) as ['simple', 'to-assess', 'complex']),
    outcome: z.enum(PUA_OUTCOMES),
    outcomeNote: z.string().nullable(),
    recordedAt: z.iso.datetime(),
  })
  .meta({ id: 'LazioSchedaPuaRecord' });

const schedaJson = (s: Scheda): z.input<typeof schedaOutput> => ({
  id: s.id,
  accessContactId: s.accessContactId,
  personId: s.personId,
  level: s.level,
  requestedBy: s.requestedBy,
  needs: [...s.needs],
  answers: s.answers,
  score: s.score,
  band: s.band,
  outcome: s.outcome,
  outcomeNote: s.outcomeNote,
  recordedAt: new Date(s.recordedAt).toISOString(),
});

/** Reads of one record or of a list, written to the audit log in one call. */
async function auditRead(ctx: RouteContext, read: Scheda | readonly Scheda[]): Promise<void> {
  const records = Array.isArray(read) ? read : [read as Scheda];
  await ctx.audit(
    records.map((s) => ({ action: 'lazio.pua-scheda.read', entity: 'person', entityId: s.personId, details: { scheda: s.id } })),
  );
}

/** The scheda PUA's page and API, and the back office's queue. */
export function registerPuaRoutes(r: RouteRegistrar): void {
  r.get('pua.scheda', '/pua/:contactId', { permission: PUA.view }, async (ctx) => {
    const contact = await contactOr404(ctx);
    const scheda = await schedaOfContact(ctx, contact.id);
    if (scheda) await auditRead(ctx, scheda);
    return schedaPage(ctx, contact, scheda);
  });

  r.post('pua.save', '/pua/:contactId', { permission: PUA.record }, async (ctx) => {
    const contact = await contactOr404(ctx);
    const body = (ctx.body ?? {}) as Form;
    const parsed = ctx.validate(schedaInput, body);
    if (!parsed.ok) return schedaPage(ctx, contact, null, body, parsed.errors, 422);
    await recordScheda(ctx, contact, parsed.data);
    return { redirect: `${ctx.url('lazio.pua.scheda', { contactId: contact.id })}?saved=1` };
  });

  r.get('pua.back-office', '/back-office', { permission: PUA.backOffice }, async (ctx) => {
    const queue = await backOfficeQueue(ctx);
    await auditRead(ctx, queue);
    return {
      view: 'lazio:pua/back-office',
      model: { title: ctx.t('lazio:pua.backOffice.title'), queue: queue.map((s) => schedaView(ctx, s)) },
    };
  });

  r.get(
    'api.pua.scheda',
    '/api/schede-pua/:contactId',
    { permission: PUA.view, response: schedaOutput, summary: 'The scheda PUA of an access contact' },
    async (ctx) => {
      const contact = await contactOr404(ctx);
      const scheda = await schedaOfContact(ctx, contact.id);
      if (!scheda) throw HttpError.notFound();
      await auditRead(ctx, scheda);
      return { json: schedaJson(scheda) };
    },
  );

  r.post(
    'api.pua.record',
    '/api/schede-pua/:contactId',
    { permission: PUA.record, body: schedaInput, response: schedaOutput, summary: 'Record the scheda PUA of an access contact (once)' },
    async (ctx) => ({ json: schedaJson(await recordScheda(ctx, await contactOr404(ctx), ctx.body as SchedaInput)), status: 201 }),
  );

  r.get(
    'api.pua.back-office',
    '/api/back-office',
    { permission: PUA.backOffice, response: z.object({ items: z.array(schedaOutput) }), summary: 'The schede PUA sent to the back office' },
    async (ctx) => {
      const queue = await backOfficeQueue(ctx);
      await auditRead(ctx, queue);
      return { json: { items: queue.map(schedaJson) } };
    },
  );
}
