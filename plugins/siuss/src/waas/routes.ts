// SPDX-License-Identifier: AGPL-3.0-or-later
import { z, type AuditEvent, type RouteContext, type RouteRegistrar, type RouteResult } from '@sigess/core/sdk';
import { applyEsiti, enteByBelfiore, flussiSince, type EnteOrganization, type Esito } from '../store/flussi';
import { BELFIORE, WAAS_PERMISSION } from './authenticator';

/**
 * The contract's bounds (`api-comuni.yaml`): `limit` 0–100, default 10; `since` an int64 ≥ 0 (its `maximum`,
 * 1e20, lies beyond int64: the format is the tighter bound).
 */
const LIMIT_DEFAULT = 10;
const LIMIT_MAX = 100;
const INT64_MAX = 9_223_372_036_854_775_807n;
/** `denominazione_ente` is at most 256 characters. */
const NAME_MAX = 256;

/**
 * The contract's Problem: only `type`, `title`, `status`, `detail` and `instance`, never core's `errors` or other
 * extensions (its schema forbids additional members), localized in the request's language.
 */
function problem(ctx: RouteContext, status: number, title: string, detail: string): RouteResult {
  return {
    problem: {
      type: 'about:blank',
      title: ctx.t(`siuss:waas.problems.${title}`),
      status,
      detail,
      instance: `urn:sigess:request:${ctx.requestId}`,
    },
  };
}

const notFound = (ctx: RouteContext): RouteResult => problem(ctx, 404, 'notFound', ctx.t('siuss:waas.problems.unknownEnte'));

/** The ente in the path, which must be the organization the voucher's request acts in (the authenticator's doing). */
async function enteOf(ctx: RouteContext): Promise<EnteOrganization | null> {
  const code = ctx.params.ente ?? '';
  const ente = BELFIORE.test(code) ? await enteByBelfiore(ctx.em, code) : null;
  return ente && ente.id === ctx.org?.id ? ente : null;
}

/** A query parameter given once, or undefined; repeated, it is no single value (`null`). */
function single(value: unknown): string | undefined | null {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : null;
}

type FlussiQuery =
  { readonly ok: true; readonly since: number; readonly limit: number } | { readonly ok: false; readonly parameter: 'since' | 'limit' };

/** `since` (required) and `limit` (optional) as the contract types them: integers, within bounds, nothing else. */
export function parseFlussiQuery(query: Readonly<Record<string, unknown>>): FlussiQuery {
  const since = single(query.since);
  if (typeof since !== 'string' || !/^[0-9]{1,19}$/.test(since) || BigInt(since) > INT64_MAX) return { ok: false, parameter: 'since' };
  const limit = single(query.limit);
  if (limit === null || (limit !== undefined && (!/^[0-9]{1,3}$/.test(limit) || Number(limit) > LIMIT_MAX)))
    return { ok: false, parameter: 'limit' };
  return { ok: true, since: Number(since), limit: limit === undefined ? LIMIT_DEFAULT : Number(limit) };
}

/** `ElencoEsiti` and `EsitoFlusso` as the contract has them: the list object takes no other member, an esito may. */
const esitoFlusso = z.object({
  id_flusso: z.string(),
  tipo: z.string(),
  ts_flusso: z.iso.datetime({ offset: true }),
  ts_acquisizione: z.iso.datetime({ offset: true }),
  codice_esito: z.enum(['OK', 'DATI_NON_TROVATI', 'RICHIESTA_INVALIDA', 'ERRORE_GENERICO']),
  descrizione_esito: z.string().optional(),
  id_acquisizione_siuss: z.string().optional(),
});
export const elencoEsiti = z.strictObject({ elenco_esiti: z.array(esitoFlusso).max(LIMIT_MAX).optional() });

/** The ente's flussi and the people they are about, for the audit log: INPS reads personal data. */
async function readsOf(
  ctx: RouteContext,
  ids: readonly string[],
  action: string,
  extra: (id: string) => AuditEvent['details'] = () => ({}),
) {
  if (!ids.length) return [];
  const rows = await ctx.em.execute<{ idFlusso: string; tipo: string; personId: string }[]>(
    `select f.id_flusso as "idFlusso", f.tipo, r.person_id::text as "personId"
     from plg_siuss.flusso f join plg_siuss.record r on r.id = f.record_id
     where f.id_flusso = any (?::text[]) and f.ente_org_id = ?`,
    [`{${ids.map((id) => `"${id.replace(/["\\]/g, '')}"`).join(',')}}`, ctx.org?.id ?? null],
  );
  return rows.map((row): AuditEvent => ({
    action,
    entity: 'person',
    entityId: row.personId,
    details: { flusso: row.idFlusso, tipo: row.tipo, ...extra(row.idFlusso) },
  }));
}

/**
 * The WaaS e-service of each ente (`api-comuni.yaml`, v2.0.1), under `/p/siuss/waas/<Belfiore code>/v1`: what
 * INPS calls through PDND to take the ente's published flussi and to return their esiti. Only INPS's voucher
 * reaches these routes (the `siuss.waas` service authenticator); every error is the contract's Problem.
 */
export function registerWaasRoutes(r: RouteRegistrar): void {
  const options = (summary: string) => ({ permission: WAAS_PERMISSION, summary });

  r.get('waas.status', '/waas/:ente/v1/status', options('WaaS: the e-service is up'), async (ctx) => {
    const ente = await enteOf(ctx);
    if (!ente) return notFound(ctx);
    return problem(ctx, 200, 'ok', ctx.t('siuss:waas.problems.okDetail', { ente: ente.name }));
  });

  r.get('waas.flussi', '/waas/:ente/v1/flussi', options('WaaS: the flussi published after `since`, oldest first'), async (ctx) => {
    const ente = await enteOf(ctx);
    if (!ente) return notFound(ctx);
    const query = parseFlussiQuery(ctx.query);
    if (!query.ok) return problem(ctx, 400, 'badRequest', ctx.t(`siuss:waas.problems.${query.parameter}`));
    // No flusso carries a timestamp beyond what a JavaScript number holds exactly: nothing is newer than that.
    const flussi = query.since > Number.MAX_SAFE_INTEGER ? [] : await flussiSince(ctx.em, ente.id, query.since, query.limit);
    // INPS reads personal data: one entry per flusso, about its person, named `service:<client>` by the pipeline.
    await ctx.audit(
      await readsOf(
        ctx,
        flussi.map((f) => f.idFlusso),
        'siuss.waas.flusso.read',
      ),
    );
    return {
      json: {
        elenco_flussi: flussi.map((f) => ({
          codice_ente: ente.belfioreCode,
          denominazione_ente: ente.name.slice(0, NAME_MAX),
          id_flusso: f.idFlusso,
          tipo: f.tipo,
          ts_flusso: new Date(f.tsMs).toISOString(),
          // The XML as published, byte for byte: serving the same `since` again gives the same flussi.
          flusso: Buffer.from(f.xml, 'utf8').toString('base64'),
        })),
      },
    };
  });

  r.post('waas.esiti', '/waas/:ente/v1/esiti', options('WaaS: INPS notifies the esiti of the flussi it processed'), async (ctx) => {
    const ente = await enteOf(ctx);
    if (!ente) return notFound(ctx);
    const parsed = elencoEsiti.safeParse(ctx.body ?? {});
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(body)'))].join(', ');
      return problem(ctx, 400, 'badRequest', ctx.t('siuss:waas.problems.body', { fields }));
    }
    const esiti: Esito[] = parsed.data.elenco_esiti ?? [];
    const outcome = await applyEsiti(ctx.em, ente.id, esiti);
    // An esito of a flusso this ente never published is dropped, not refused: INPS would otherwise resend it forever.
    if (outcome.unknown.length) ctx.log.warn({ unknown: outcome.unknown }, 'siuss: esiti of unknown flussi ignored');
    const codes = new Map(esiti.map((e) => [e.id_flusso, e.codice_esito]));
    await ctx.audit(
      await readsOf(
        ctx,
        esiti.map((e) => e.id_flusso).filter((id) => !outcome.unknown.includes(id)),
        'siuss.waas.esito.record',
        (id) => ({ esito: codes.get(id) ?? null }),
      ),
    );
    return { json: null, status: 204 };
  });
}
