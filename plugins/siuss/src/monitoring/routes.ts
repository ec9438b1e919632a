// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  HttpError,
  localToday,
  monthName,
  z,
  type AuditEvent,
  type ExtensionView,
  type RouteContext,
  type RouteRegistrar,
} from '@sigess/core/sdk';
import type { FlowKind, RecordIssue } from '../model';
import { RECORD_STATUSES, type RecordStatus } from '../store/records';
import { applyEsiti, type Esito } from '../store/flussi';
import { refreshRecords } from '../derive/refresh';
import { entiInReach, type EnteSource } from '../derive/sources';
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

type Filter = Period & z.infer<typeof periodQuery>;

/**
 * The period asked for, in the query or in a form's fields (`source`); by default, from January of this year to
 * this month. A reversed period is a field error.
 */
function periodOf(ctx: RouteContext, source: unknown = ctx.query): Filter {
  const parsed = ctx.validate(periodQuery, source ?? {});
  if (!parsed.ok) throw HttpError.invalid(parsed.errors);
  const month = localToday().slice(0, 7);
  const from = parsed.data.from ?? `${month.slice(0, 4)}-01`;
  const to = parsed.data.to ?? month;
  if (to < from) throw HttpError.invalid([{ field: 'to', message: ctx.t('siuss:monitoring.errors.reversed') }]);
  return { ...parsed.data, from, to };
}

/**
 * The list a record page was opened from, to lead back to it: only a whole, valid filter (a link is no form, so a
 * mangled one is dropped rather than refused: the record is shown all the same).
 */
function listFilterOf(source: unknown): Filter | null {
  const parsed = periodQuery.safeParse(source ?? {});
  if (!parsed.success) return null;
  const { from, to } = parsed.data;
  return from && to && from <= to ? { ...parsed.data, from, to } : null;
}

/**
 * A filter as a query string, with `extra` after it: only validated values, encoded by URLSearchParams, so that
 * nothing a request carried reaches a link or a redirect as it came.
 */
function queryOf(filter: Filter, extra: Readonly<Record<string, string>> = {}): string {
  const params = new URLSearchParams({ from: filter.from, to: filter.to });
  if (filter.status) params.set('status', filter.status);
  if (filter.kind) params.set('kind', filter.kind);
  if (filter.org) params.set('org', filter.org);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

/** The months of a filter alone, as the monitoring page takes them. */
const monthsOf = (period: Period, extra: Readonly<Record<string, string>> = {}): string =>
  queryOf({ from: period.from, to: period.to }, extra);

/** The figures a redirect reports (`refreshed`, `applied`…): whole numbers only, else nothing is said. */
function countOf(value: unknown): string | null {
  return typeof value === 'string' && /^\d{1,9}$/.test(value) ? value : null;
}

/** The period in words: one month, or from one to another. */
function periodLabel(ctx: RouteContext, period: Period): string {
  return period.from === period.to
    ? ctx.t('siuss:records.filterMonth', { month: monthName(ctx.locale, period.from) })
    : ctx.t('siuss:records.filter', { from: monthName(ctx.locale, period.from), to: monthName(ctx.locale, period.to) });
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

/**
 * What a list shows of a record: for SINBA, no name - the record itself carries only the pseudonym. Its link carries
 * the list's filter (`query`), so that its page leads back to the same list.
 */
function recordSummary(ctx: RouteContext, r: RecordRow, query = '') {
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
    href: `${ctx.url('siuss.records.show', { id: r.id })}${query ? `?${query}` : ''}`,
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

/** The Belfiore code an `id_flusso` begins with (`EEEE.PS.AAAAMMGG.NNNNNNN`): the ente that published it. */
const FLUSSO_ENTE = /^([A-Z][0-9]{3})\./;

/**
 * Applies a file of esiti for the operator's reach, in the request's one transaction: each esito to the ente its
 * id_flusso names, when that ente is in reach (the comune of a comune's operator; every comune below an ambito's).
 * Esiti naming an ente out of reach count as unknown, as esiti of flussi an ente never published do. One audit
 * entry per ente applied. Null when no ente is in reach at all.
 */
async function loadEsiti(ctx: RouteContext, esiti: readonly Esito[]): Promise<{ applied: number; unknown: number } | null> {
  const enti = await entiInReach(ctx.em, ctx.org!.id);
  if (!enti.length) return null;
  const byCode = new Map<string, EnteSource>();
  for (const ente of enti) if (!byCode.has(ente.belfioreCode)) byCode.set(ente.belfioreCode, ente);
  const groups = new Map<EnteSource, Esito[]>();
  let outOfReach = 0;
  for (const esito of esiti) {
    const ente = byCode.get(FLUSSO_ENTE.exec(esito.id_flusso)?.[1] ?? '');
    if (!ente) outOfReach += 1;
    else groups.set(ente, [...(groups.get(ente) ?? []), esito]);
  }
  let applied = 0;
  let unknown = outOfReach;
  const entries: AuditEvent[] = [];
  for (const [ente, group] of groups) {
    const outcome = await applyEsiti(ctx.em, ente.id, group);
    applied += outcome.applied;
    unknown += outcome.unknown.length;
    entries.push({
      action: 'siuss.esiti.load',
      entity: 'organization',
      entityId: ente.id,
      details: { applied: outcome.applied, unknown: outcome.unknown.length },
    });
  }
  if (entries.length) await ctx.audit(entries);
  if (outOfReach) ctx.log.warn({ outOfReach }, 'siuss: esiti of flussi of enti out of reach ignored');
  return { applied, unknown };
}

export function registerMonitoringRoutes(r: RouteRegistrar): void {
  const monitoringModel = async (ctx: RouteContext, period: Filter, extra: object = {}) => {
    const rows = await countsByOrganization(ctx.em, period);
    const link = (row: { organizationId: string; kind: FlowKind }, status: RecordStatus) =>
      `${ctx.url('siuss.records.list')}?${new URLSearchParams({ from: period.from, to: period.to, org: row.organizationId, kind: row.kind, status })}`;
    return {
      title: ctx.t('siuss:monitoring.title'),
      period,
      // The esiti form's action carries the period: a refused file shows the same figures again.
      esitiAction: `${ctx.url('siuss.esiti.upload')}?${monthsOf(period)}`,
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

  r.get('monitoring', '/monitoring', { permission: PERMISSIONS.view }, async (ctx) => {
    const applied = countOf(ctx.query.applied);
    return {
      view: 'siuss:monitoring/index',
      model: await monitoringModel(ctx, periodOf(ctx), {
        refreshed: countOf(ctx.query.refreshed),
        esiti: applied ? { applied, unknown: countOf(ctx.query.unknown) ?? '0' } : null,
      }),
    };
  });

  // The period rides along in the form's fields and comes back in the redirect: the page shows the same months.
  r.post('monitoring.refresh', '/monitoring/refresh', { permission: PERMISSIONS.view }, async (ctx) => {
    const period = periodOf(ctx, ctx.body);
    const changed = await refreshNow(ctx, ctx.extensions);
    return { redirect: `${ctx.url('siuss.monitoring')}?${monthsOf(period, { refreshed: String(changed) })}` };
  });

  r.get('records.list', '/records', { permission: PERMISSIONS.view }, async (ctx) => {
    const filter = periodOf(ctx);
    const records = await listRecords(ctx.em, { ...filter, organizationId: filter.org });
    await auditList(ctx, records);
    return {
      view: 'siuss:monitoring/list',
      model: {
        title: ctx.t('siuss:records.title'),
        filter: {
          ...filter,
          periodLabel: periodLabel(ctx, filter),
          kindLabel: filter.kind ? ctx.t(`siuss:kinds.${filter.kind}`) : null,
          statusLabel: filter.status ? ctx.t(`siuss:statuses.${filter.status}`) : null,
        },
        back: `${ctx.url('siuss.monitoring')}?${monthsOf(filter)}`,
        records: records.map((rec) => recordSummary(ctx, rec, queryOf(filter))),
      },
    };
  });

  r.get('records.show', '/records/:id', { permission: PERMISSIONS.view }, async (ctx) => {
    const record = await recordOr404(ctx);
    const flussi = await flussiOfRecord(ctx.em, record.id);
    await auditList(ctx, [record]);
    const from = listFilterOf(ctx.query);
    return {
      view: 'siuss:monitoring/record',
      model: {
        title: ctx.t('siuss:records.showTitle', { kind: ctx.t(`siuss:kinds.${record.kind}`) }),
        record: recordSummary(ctx, record),
        // Back to the list it was opened from and to the monitoring of the same period; without one, the default's.
        backToList: from ? `${ctx.url('siuss.records.list')}?${queryOf(from)}` : null,
        backToMonitoring: from ? `${ctx.url('siuss.monitoring')}?${monthsOf(from)}` : ctx.url('siuss.monitoring'),
        carried: from ? [...new URLSearchParams(queryOf(from))].map(([name, value]) => ({ name, value })) : [],
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
    // The list the page was opened from rides along in the form's fields, to lead back to it afterwards.
    const from = listFilterOf(ctx.body);
    const query = from ? queryOf(from, { resent: '1' }) : 'resent=1';
    return { redirect: `${ctx.url('siuss.records.show', { id: record.id })}?${query}` };
  });

  r.post(
    'esiti.upload',
    '/esiti',
    { permission: PERMISSIONS.export, upload: { field: 'file', maxBytes: 20 * 1024 * 1024, contentTypes: ['application/json'] } },
    async (ctx) => {
      // The period comes in the form's action: a refused file shows the figures of the months the operator was reading.
      const period = periodOf(ctx);
      const fail = async (message: string) => ({
        view: 'siuss:monitoring/index',
        status: 422,
        model: await monitoringModel(ctx, period, { esitiErrors: [{ field: 'file', message }] }),
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
      const outcome = await loadEsiti(ctx, parsed.elenco_esiti as Esito[]);
      if (!outcome) return fail(ctx.t('siuss:esiti.errors.noEnte'));
      const counts = { applied: String(outcome.applied), unknown: String(outcome.unknown) };
      return { redirect: `${ctx.url('siuss.monitoring')}?${monthsOf(period, counts)}` };
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
