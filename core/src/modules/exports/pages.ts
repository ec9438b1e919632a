// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RequestCtx } from '../../sdk/context';
import type { FieldError } from '../../sdk/errors';
import type { ExportFlow, ExportParam } from '../../sdk/extension-points/exports';
import { numberFormat } from '../../sdk/formats';
import type { RouteContext, RouteRegistrar, RouteResult } from '../../sdk/routes';
import { EXPORT_STATES, type ExportRun } from './store';
import { checkParams, downloadRun, listRuns, runnableFlow, runnableFlows, startExport, type ExportsSetup } from './actions';
import { EXPORTS } from './permissions';
import { flowTitle, percentOf } from './present';

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** The input a parameter's kind calls for: the browser's own date and month pickers, a number for a year. */
const INPUT_TYPES: Record<ExportParam['kind'], string> = { date: 'date', month: 'month', year: 'number', text: 'text', select: 'select' };

const STATE_BADGES: Record<ExportRun['state'], string> = {
  queued: 'bg-secondary',
  running: 'bg-primary',
  done: 'bg-success',
  failed: 'bg-danger',
  expired: 'bg-light text-dark',
};

/** A file's size as people read it. */
function sizeLabel(ctx: Pick<RequestCtx, 'locale' | 't'>, bytes: number): string {
  const format = numberFormat(ctx.locale, { maximumFractionDigits: 1 });
  if (bytes < 1024) return ctx.t('core:exports.size.bytes', { count: bytes });
  if (bytes < 1_048_576) return ctx.t('core:exports.size.kilobytes', { size: format.format(bytes / 1024) });
  return ctx.t('core:exports.size.megabytes', { size: format.format(bytes / 1_048_576) });
}

/** A run as a row of the list: labels in the operator's language, its progress, its file. */
function runRow(ctx: RouteContext, run: ExportRun) {
  const count = numberFormat(ctx.locale);
  const active = run.state === 'queued' || run.state === 'running';
  const known = run.total !== null && run.total > 0;
  return {
    id: run.id,
    flowTitle: flowTitle(ctx, run.flowId),
    params: Object.entries(run.params)
      .map(([name, value]) => `${name}: ${value}`)
      .join(', '),
    state: run.state,
    stateLabel: ctx.t(`core:exports.states.${run.state}`),
    badge: STATE_BADGES[run.state],
    active,
    // Queued, or running without a total yet: the bar says "working" rather than a number. A failed run has none.
    indeterminate: active && !(run.state === 'running' && known),
    bar: run.state !== 'failed' && run.state !== 'expired',
    percent: percentOf(run),
    progressText: known
      ? ctx.t('core:exports.list.progress', { done: count.format(run.done), total: count.format(run.total ?? 0) })
      : run.done > 0
        ? ctx.t('core:exports.list.progressUnknown', { done: count.format(run.done) })
        : '',
    attempts: run.attempts > 1 ? ctx.t('core:exports.list.attempts', { count: run.attempts }) : '',
    requestedBy: run.requestedByName ?? '',
    requestedAt: run.requestedAt,
    finishedAt: run.finishedAt,
    error: run.errorCode ? ctx.t(`core:exports.reasons.${run.errorCode}`) : '',
    fileUrl: run.state === 'done' ? ctx.url('core.exports.file', { id: run.id }) : null,
    fileName: run.fileName,
    size: run.state === 'done' ? sizeLabel(ctx, run.bytes) : '',
  };
}

/** The exports page: the flows one may start, and the organization's runs with their progress. */
async function indexPage(ctx: RouteContext, setup: ExportsSetup): Promise<RouteResult> {
  const flows = runnableFlows(ctx);
  const runs = (await listRuns(ctx, setup)).map((run) => runRow(ctx, run));
  return {
    view: 'core:exports/index',
    model: {
      title: ctx.t('core:exports.title'),
      flows: flows.map((f) => ({
        id: f.id,
        title: ctx.t(f.titleKey),
        format: f.format.toUpperCase(),
        href: `${ctx.url('core.exports.new')}?${new URLSearchParams({ flow: f.id }).toString()}`,
      })),
      runs,
      polling: runs.some((r) => r.active),
      source: ctx.url('core.api.exports'),
      states: JSON.stringify(Object.fromEntries(EXPORT_STATES.map((s) => [s, ctx.t(`core:exports.states.${s}`)]))),
      // "{done} of {total}" in the operator's language, for the script to fill in.
      progressTemplate: ctx.t('core:exports.list.progress', { done: '{done}', total: '{total}' }),
      started: typeof ctx.query.started === 'string' && runs.some((r) => r.id === ctx.query.started),
    },
  };
}

/** A flow's form: one field per declared parameter, with the values sent and the errors beside them. */
function formPage(
  ctx: RouteContext,
  flow: ExportFlow,
  state: { values?: Record<string, unknown>; errors?: readonly FieldError[]; status?: number } = {},
): RouteResult {
  const values = state.values ?? {};
  return {
    view: 'core:exports/form',
    status: state.status ?? 200,
    model: {
      title: ctx.t('core:exports.form.title', { flow: ctx.t(flow.titleKey) }),
      flow: { id: flow.id, title: ctx.t(flow.titleKey), format: flow.format.toUpperCase() },
      action: ctx.url('core.exports.start'),
      back: ctx.url('core.exports'),
      fields: (flow.params ?? []).map((p) => {
        const label = p.required ? `${ctx.t(p.labelKey)} *` : ctx.t(p.labelKey);
        const value = text(values[p.name]);
        return {
          name: p.name,
          label,
          select: p.kind === 'select',
          type: INPUT_TYPES[p.kind],
          value,
          hint: p.kind === 'month' ? ctx.t('core:exports.form.monthHint') : p.kind === 'year' ? ctx.t('core:exports.form.yearHint') : '',
          options: (p.options ?? []).map((o) => ({ code: o.value, label: ctx.t(o.labelKey), selected: o.value === value })),
        };
      }),
      hasRequired: (flow.params ?? []).some((p) => p.required),
      errors: state.errors ?? [],
    },
  };
}

export function exportsPages(r: RouteRegistrar, setup: ExportsSetup): void {
  r.get('exports', '/exports', { permission: EXPORTS.use }, (ctx) => indexPage(ctx, setup));

  r.get('exports.new', '/exports/new', { permission: EXPORTS.use }, (ctx) => formPage(ctx, runnableFlow(ctx, text(ctx.query.flow))));

  r.post('exports.start', '/exports', { permission: EXPORTS.use }, async (ctx) => {
    const body = (ctx.body ?? {}) as Record<string, unknown>;
    const flow = runnableFlow(ctx, text(body.flow));
    const checked = checkParams(ctx, flow, body);
    if (!checked.ok) return formPage(ctx, flow, { values: body, errors: checked.errors, status: 422 });
    const run = await startExport(ctx, setup, flow, checked.params);
    return { redirect: `${ctx.url('core.exports')}?${new URLSearchParams({ started: run.id }).toString()}` };
  });

  r.get('exports.file', '/exports/:id/file', { permission: EXPORTS.use }, (ctx) => downloadRun(ctx, setup, ctx.params.id ?? '', 'page'));
}
