// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { RequestCtx } from '../../sdk/context';
import { HttpError, type FieldError } from '../../sdk/errors';
import { ExportFlows, type ExportFlow, type ExportScope } from '../../sdk/extension-points/exports';
import type { RouteContext, RouteResult } from '../../sdk/routes';
import type { ExportFiles } from './files';
import { CONTENT_TYPES, downloadName, paramsSchema, selectChoices, type SelectChoices } from './params';
import type { RunTrigger } from './runner';
import type { ExportRun, ExportRunStore } from './store';

/** What the pages and the API share: the runs table, the files, and the way to ask for a run. */
export interface ExportsSetup {
  readonly store: ExportRunStore;
  readonly files: () => ExportFiles;
  readonly trigger: RunTrigger;
}

/** The organization a request acts in: exports are an operator's, in one organization. */
function orgOf(ctx: RequestCtx): string {
  if (!ctx.org || !ctx.operator) throw new HttpError(403, 'core:errors.403.title');
  return ctx.org.id;
}

/** The flows the caller may run here (their plugin active for the organization, their permission held), by title. */
export function runnableFlows(ctx: RequestCtx): ExportFlow[] {
  return ctx.extensions
    .keyed(ExportFlows)
    .filter((f) => ctx.can(f.permission))
    .sort((a, b) => ctx.t(a.titleKey).localeCompare(ctx.t(b.titleKey), ctx.locale));
}

/** A flow the caller may run: 404 when the organization has no such flow, 403 without its permission. */
export function runnableFlow(ctx: RequestCtx, flowId: string): ExportFlow {
  const flow = ctx.extensions.get(ExportFlows, flowId);
  if (!flow) throw HttpError.notFound();
  if (!ctx.can(flow.permission)) throw new HttpError(403, 'core:errors.403.title');
  return flow;
}

/** Where a flow's choices are computed and its parameters checked: the request's organization, through its transaction. */
export function scopeOf(ctx: RequestCtx): ExportScope {
  return { organizationId: orgOf(ctx), em: ctx.em };
}

/** The choices of the flow's selects for the caller's organization, labels in their language. */
export function choicesFor(ctx: RequestCtx, flow: ExportFlow): Promise<SelectChoices> {
  return selectChoices(flow, scopeOf(ctx), (key) => ctx.t(key));
}

/**
 * The parameters as the flow declares them, or localized errors by parameter name: each parameter by its kind
 * (a select's value among its choices here), then, once all pass, the flow's own `check` of them together.
 */
export async function checkParams(
  ctx: RouteContext,
  flow: ExportFlow,
  input: unknown,
  choices?: SelectChoices,
): Promise<{ ok: true; params: Record<string, string> } | { ok: false; errors: readonly FieldError[] }> {
  const result = ctx.validate(paramsSchema(flow, choices ?? (await choicesFor(ctx, flow))), input ?? {});
  if (!result.ok) return { ok: false, errors: result.errors };
  const problems = flow.check ? await flow.check(result.data, scopeOf(ctx)) : [];
  if (!problems.length) return { ok: true, params: result.data };
  // One message per field, the first the flow gives, as the per-parameter checks do.
  const errors: FieldError[] = [];
  for (const problem of problems) {
    const field = String(problem.param);
    if (errors.some((e) => e.field === field)) continue;
    errors.push({ field, message: String(ctx.t(problem.messageKey, { ...problem.values })) });
  }
  return { ok: false, errors };
}

/** Parameters fit for the audit log: their values, except free text (which could say anything). */
function auditedParams(flow: ExportFlow, params: Record<string, string>): string {
  const kinds = new Map((flow.params ?? []).map((p) => [p.name, p.kind]));
  return Object.entries(params)
    .filter(([name]) => kinds.get(name) !== 'text')
    .map(([name, value]) => `${name}=${value}`)
    .join('&')
    .slice(0, 500);
}

/** Organizations with a run recorded in a transaction that has not committed yet; keyed by its EntityManager. */
const waiting = new WeakMap<EntityManager, { orgId: string; runId: string }[]>();

/**
 * Asks for the run once the transaction that recorded it commits (the job would not see it before), and
 * not at all if it rolls back. Not awaited: the request answers at once, the export goes on in the background.
 */
function runAfterCommit(em: EntityManager, orgId: string, runId: string, trigger: RunTrigger, log: Logger): void {
  const ask = (o: string, r: string): void => {
    trigger(o, r).catch((error: unknown) => log.error({ err: error, exportRun: r }, 'exports: could not ask for the run; the sweep will'));
  };
  if (!em.isInTransaction()) return ask(orgId, runId);
  let runs = waiting.get(em);
  if (!runs) {
    runs = [];
    waiting.set(em, runs);
    em.getEventManager().registerSubscriber({
      afterTransactionCommit: async (args) => {
        if (args.em !== em) return;
        const pending = waiting.get(em) ?? [];
        waiting.delete(em);
        for (const run of pending) ask(run.orgId, run.runId);
      },
      afterTransactionRollback: async (args) => {
        if (args.em === em) waiting.delete(em);
      },
    });
  }
  runs.push({ orgId, runId });
}

/** Records a run of the flow with these (checked) parameters, audited; the job is asked for once it commits. */
export async function startExport(
  ctx: RequestCtx,
  setup: ExportsSetup,
  flow: ExportFlow,
  params: Record<string, string>,
): Promise<ExportRun> {
  const orgId = orgOf(ctx);
  const id = await setup.store.create(ctx.em, {
    organizationId: orgId,
    flowId: flow.id,
    permission: flow.permission,
    format: flow.format,
    params,
    fileName: await downloadName(flow, params, scopeOf(ctx)),
    requestedBy: ctx.operator?.id ?? null,
  });
  await ctx.audit({
    action: 'export.start',
    entity: 'export-run',
    entityId: id,
    details: { flow: flow.id, params: auditedParams(flow, params) },
  });
  runAfterCommit(ctx.em, orgId, id, setup.trigger, ctx.log);
  return (await setup.store.find(ctx.em, orgId, id))!;
}

/** The runs of the caller's organization that they may see: those of flows whose permission they hold. */
export async function listRuns(ctx: RequestCtx, setup: ExportsSetup): Promise<ExportRun[]> {
  const orgId = orgOf(ctx);
  const kept = await ctx.em.execute<{ permission: string }[]>('select distinct permission from core.export_run where owner_org_id = ?', [
    orgId,
  ]);
  return setup.store.list(
    ctx.em,
    orgId,
    kept.map((k) => k.permission).filter((p) => ctx.can(p)),
  );
}

/** One run of the caller's organization: 404 when there is none (another organization's), 403 without its flow's permission. */
export async function visibleRun(ctx: RequestCtx, setup: ExportsSetup, id: string): Promise<ExportRun> {
  const run = await setup.store.find(ctx.em, orgOf(ctx), id);
  if (!run) throw HttpError.notFound();
  if (!ctx.can(run.permission)) throw new HttpError(403, 'core:errors.403.title');
  return run;
}

/**
 * A finished run's file, streamed from the disk under audit: 409 while the run is not done, 410 once its
 * file was removed (the keeping time passed).
 */
export async function downloadRun(ctx: RequestCtx, setup: ExportsSetup, id: string, channel: 'page' | 'api'): Promise<RouteResult> {
  const run = await visibleRun(ctx, setup, id);
  if (run.state === 'expired') throw new HttpError(410, 'core:exports.errors.goneTitle', undefined, [], 'core:exports.errors.gone');
  if (run.state !== 'done') throw HttpError.conflict('core:exports.errors.notReady');
  const key = await setup.store.fileKey(ctx.em, run.id);
  const files = setup.files();
  const size = key ? await files.size(key) : null;
  if (!key || size === null) {
    ctx.log.error({ exportRun: run.id }, 'exports: the file of a finished run is missing');
    throw new HttpError(410, 'core:exports.errors.goneTitle', undefined, [], 'core:exports.errors.gone');
  }
  await ctx.audit({
    action: 'export.download',
    entity: 'export-run',
    entityId: run.id,
    details: { flow: run.flowId, bytes: size, channel },
  });
  return { download: { filename: run.fileName, contentType: CONTENT_TYPES[run.format], body: files.stream(key), size } };
}
