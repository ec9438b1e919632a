// SPDX-License-Identifier: AGPL-3.0-or-later
import { HttpError, localToday, z, type RouteContext, type RouteRegistrar, type ExtensionView } from '@sigess/core/sdk';
import type { FlowKind, RecordIssue } from '../model';
import { RECORD_STATUSES, type RecordStatus } from '../store/records';
import { applyEsiti, type Esito } from '../store/flussi';
import { refreshRecords } from '../derive/refresh';
import { enteOf } from '../derive/sources';
import { markForResend } from '../publish';
import { countsByOrganization, findRecord, flussiOfRecord, listRecords, organizationsInReach, type Period, type RecordRow } from './store';

export const PERMISSIONS = { view: 'siuss.records.view', export: 'siuss.export' } as const;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const periodQuery = z.object({
  from: z.string().regex(MONTH, 'siuss:monitoring.errors.month').optional(),
  to: z.string().regex(MONTH, 'siuss:monitoring.errors.month').optional(),
  status: z.enum(RECORD_STATUSES as [RecordStatus, ...RecordStatus[]]).optional(),
  kind: z.enum(['PS_PSA_SINA', 'SINBA']).optional(),
  org: z.uuid().optional(),
});

/** The period asked for; by default, from January of this year to this month. A reversed period is a field error. */
function periodOf(ctx: RouteContext): Period & z.infer<typeof periodQuery> {
  const parsed = ctx.validate(periodQuery, ctx.query);
  if (!parsed.ok) throw HttpError.invalid(parsed.errors);
  const month = localToday().slice(0, 7);
  const from = parsed.data.from ?? `${month.slice(0, 4)}-01`;
  const to = parsed.data.to ?? month;
  if (to < from) throw HttpError.invalid([{ field: 'to', message: ctx.t('siuss:monitoring.errors.reversed') }]);
  return { ...parsed.data, from, to };
}

/** Where in SIGeSS an issue is fixed; null when the operator cannot reach it from here. */
function fixHref(ctx: RouteContext, r: RecordRow, issue: RecordIssue): string | null {
  switch (issue.fix) {
    case 'person':
      return ctx.url('core.people.edit', { id: r.personId });
    case 'intervention':
      return r.kind === 'PS_PSA_SINA' ? ctx.url('core.interventions.show', { id: r.sourceId }) : null;
    case 'cartella':
      return ctx.url('core.cartelle.show', { id: r.cartellaId });
    case 'sina':
      return `${ctx.url('core.assessments.new', { id: r.personId })}?form=siuss.sina`;
    case 'sinba':
      return `${ctx.url('core.assessments.new', { id: r.personId })}?form=siuss.sinba`;
    case 'organization':
      return ctx.can('core.admin.organizations') ? ctx.url('core.admin.organizations.show', { id: r.ownerOrgId }) : null;
    default:
      return null;
  }
}

function issueView(ctx: RouteContext, r: RecordRow) {
  return r.issues.map((i) => ({ field: i.field, message: ctx.t(i.message, i.params ?? {}), href: fixHref(ctx, r, i) }));
}

/** What a list shows of a record: for SINBA, no name - the record itself carries only the pseudonym. */
function recordSummary(ctx: RouteContext, r: RecordRow) {
  const data = r.data as { Prestazione?: { CodicePrestazione?: string; DenominazionePrestazione?: string }; Prestazioni?: string[] };
  return {
    id: r.id,
    kind: r.kind,
    kindLabel: ctx.t(`siuss:kinds.${r.kind}`),
    status: r.status,
    statusLabel: ctx.t(`siuss:statuses.${r.status}`),
    organizationName: r.organizationName,
    person: `${r.surname} ${r.name}`,
    service:
      r.kind === 'SINBA'
        ? (data.Prestazioni ?? []).join(', ')
        : `${data.Prestazione?.CodicePrestazione ?? ''} ${data.Prestazione?.DenominazionePrestazione ?? ''}`,
    referenceDate: r.referenceDate,
    issueCount: r.issues.length,
    esitoDescription: r.status === 'rejected' ? r.esitoDescription : null,
    href: ctx.url('siuss.records.show', { id: r.id }),
  };
}

async function auditList(ctx: RouteContext, records: readonly RecordRow[]): Promise<void> {
  if (!records.length) return;
  await ctx.audit(records.map((r) => ({ action: 'siuss.record.read', entity: 'person', entityId: r.personId, details: { record: r.id } })));
}

async function recordOr404(ctx: RouteContext): Promise<RecordRow> {
  const record = await findRecord(ctx.em, ctx.params.id ?? '');
  if (!record) throw HttpError.notFound();
  return record;
}

/** Rebuilds every record of the organizations in reach now, as the schedule would: "Aggiorna ora". */
async function refreshNow(ctx: RouteContext, extensions: ExtensionView): Promise<number> {
  let changed = 0;
  for (const org of await organizationsInReach(ctx.em))
    changed += (await refreshRecords(ctx.em, org, extensions, {}, localToday())).changed;
  await ctx.audit({ action: 'siuss.records.refresh', entity: 'organization', entityId: ctx.org!.id, details: { changed } });
  return changed;
}

const esitiFile = z.object({
  elenco_esiti: z
    .array(
      z.object({
        id_flusso: z.string().min(1),
        tipo: z.string(),
        ts_flusso: z.string(),
        ts_acquisizione: z.iso.datetime({ offset: true }),
        codice_esito: z.enum(['OK', 'DATI_NON_TROVATI', 'RICHIESTA_INVALIDA', 'ERRORE_GENERICO']),
        descrizione_esito: z.string().optional(),
        id_acquisizione_siuss: z.string().optional(),
      }),
    )
    .max(100_000),
});

export function registerMonitoringRoutes(r: RouteRegistrar): void {
  const monitoringModel = async (ctx: RouteContext, extra: object = {}) => {
    const period = periodOf(ctx);
    const rows = await countsByOrganization(ctx.em, period);
    const link = (row: { organizationId: string; kind: FlowKind }, status: RecordStatus) =>
      `${ctx.url('siuss.records.list')}?${new URLSearchParams({ from: period.from, to: period.to, org: row.organizationId, kind: row.kind, status })}`;
    return {
      title: ctx.t('siuss:monitoring.title'),
      period,
      statuses: RECORD_STATUSES.map((s) => ({ status: s, label: ctx.t(`siuss:statuses.${s}`), help: ctx.t(`siuss:statusHelp.${s}`) })),
      rows: rows.map((row) => ({
        ...row,
        kindLabel: ctx.t(`siuss:kinds.${row.kind}`),
        cells: RECORD_STATUSES.map((s) => ({ n: row.counts[s], href: link(row, s) })),
      })),
      canExport: ctx.can(PERMISSIONS.export),
      ...extra,
    };
  };

  r.get('monitoring', '/monitoring', { permission: PERMISSIONS.view }, async (ctx) => ({
    view: 'siuss:monitoring/index',
    model: await monitoringModel(ctx, {
      refreshed: ctx.query.refreshed ?? null,
      esiti: ctx.query.applied ? { applied: ctx.query.applied, unknown: ctx.query.unknown ?? '0' } : null,
    }),
  }));

  r.post('monitoring.refresh', '/monitoring/refresh', { permission: PERMISSIONS.view }, async (ctx) => {
    const changed = await refreshNow(ctx, ctx.extensions);
    return { redirect: `${ctx.url('siuss.monitoring')}?refreshed=${changed}` };
  });

  r.get('records.list', '/records', { permission: PERMISSIONS.view }, async (ctx) => {
    const filter = periodOf(ctx);
    const records = await listRecords(ctx.em, { ...filter, organizationId: filter.org });
    await auditList(ctx, records);
    return {
      view: 'siuss:monitoring/list',
      model: {
        title: ctx.t('siuss:records.title'),
        filter: { ...filter, statusLabel: filter.status ? ctx.t(`siuss:statuses.${filter.status}`) : null },
        back: `${ctx.url('siuss.monitoring')}?${new URLSearchParams({ from: filter.from, to: filter.to })}`,
        records: records.map((rec) => recordSummary(ctx, rec)),
      },
    };
  });

  r.get('records.show', '/records/:id', { permission: PERMISSIONS.view }, async (ctx) => {
    const record = await recordOr404(ctx);
    const flussi = await flussiOfRecord(ctx.em, record.id);
    await auditList(ctx, [record]);
    return {
      view: 'siuss:monitoring/record',
      model: {
        title: ctx.t('siuss:records.showTitle', { kind: ctx.t(`siuss:kinds.${record.kind}`) }),
        record: recordSummary(ctx, record),
        statusHelp: ctx.t(`siuss:statusHelp.${record.status}`),
        issues: issueView(ctx, record),
        data: JSON.stringify(record.data, null, 2),
        flussi,
        resendHref: ctx.url('siuss.records.resend', { id: record.id }),
        canResend: ctx.can(PERMISSIONS.export) && record.status === 'rejected' && record.issues.length === 0,
        resent: ctx.query.resent === '1',
      },
    };
  });

  r.post('records.resend', '/records/:id/resend', { permission: PERMISSIONS.export }, async (ctx) => {
    const record = await recordOr404(ctx);
    if (!(await markForResend(ctx.em, record.id))) throw HttpError.conflict('siuss:records.notResendable');
    await ctx.audit({ action: 'siuss.record.resend', entity: 'person', entityId: record.personId, details: { record: record.id } });
    return { redirect: `${ctx.url('siuss.records.show', { id: record.id })}?resent=1` };
  });

  r.post(
    'esiti.upload',
    '/esiti',
    { permission: PERMISSIONS.export, upload: { field: 'file', maxBytes: 20 * 1024 * 1024, contentTypes: ['application/json'] } },
    async (ctx) => {
      const fail = async (message: string) => ({
        view: 'siuss:monitoring/index',
        status: 422,
        model: await monitoringModel(ctx, { esitiErrors: [{ field: 'file', message }] }),
      });
      if (ctx.uploadErrors.length) return fail(ctx.uploadErrors[0]!.message);
      const file = ctx.files[0];
      if (!file) return fail(ctx.t('siuss:esiti.errors.missing'));
      let parsed: z.infer<typeof esitiFile>;
      try {
        const result = esitiFile.safeParse(JSON.parse(file.content.toString('utf8')));
        if (!result.success) return fail(ctx.t('siuss:esiti.errors.shape'));
        parsed = result.data;
      } catch {
        return fail(ctx.t('siuss:esiti.errors.json'));
      }
      const ente = await enteOf(ctx.em, ctx.org!.id);
      if (!ente) return fail(ctx.t('siuss:esiti.errors.noEnte'));
      const outcome = await applyEsiti(ctx.em, ente.id, parsed.elenco_esiti as Esito[]);
      await ctx.audit({
        action: 'siuss.esiti.load',
        entity: 'organization',
        entityId: ente.id,
        details: { applied: outcome.applied, unknown: outcome.unknown.length },
      });
      return { redirect: `${ctx.url('siuss.monitoring')}?applied=${outcome.applied}&unknown=${outcome.unknown.length}` };
    },
  );

  // The API: the same numbers and lists, the same permissions and audit.
  r.get(
    'api.monitoring',
    '/api/monitoring',
    { permission: PERMISSIONS.view, summary: 'SIUSS records per organization, flow and status in a period' },
    async (ctx) => {
      const period = periodOf(ctx);
      return { json: { from: period.from, to: period.to, items: await countsByOrganization(ctx.em, period) } };
    },
  );
  r.get(
    'api.records',
    '/api/records',
    { permission: PERMISSIONS.view, summary: 'The SIUSS records behind a monitoring figure' },
    async (ctx) => {
      const filter = periodOf(ctx);
      const records = await listRecords(ctx.em, { ...filter, organizationId: filter.org });
      await auditList(ctx, records);
      return {
        json: {
          items: records.map((rec) => ({
            id: rec.id,
            kind: rec.kind,
            status: rec.status,
            organizationId: rec.ownerOrgId,
            personId: rec.personId,
            cartellaId: rec.cartellaId,
            referenceDate: rec.referenceDate,
            issues: rec.issues.map((i) => ({ ...i, text: ctx.t(i.message, i.params ?? {}) })),
            lastFlusso: rec.lastFlusso,
            esito: rec.esito,
            esitoDescription: rec.esitoDescription,
            idAcquisizioneSiuss: rec.idAcquisizioneSiuss,
          })),
        },
      };
    },
  );
}
