// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RequestCtx } from '../../sdk/context';
import type { FieldError } from '../../sdk/errors';
import { ExportFlows, type ExportFlow, type ExportParam } from '../../sdk/extension-points/exports';
import { dateTimeFormat, monthName, numberFormat } from '../../sdk/formats';
import type { RouteContext, RouteRegistrar, RouteResult } from '../../sdk/routes';
import { EXPORT_STATES, type ExportRun } from './store';
import { checkParams, choicesFor, downloadRun, listRuns, runnableFlow, runnableFlows, startExport, type ExportsSetup } from './actions';
import { defaultChoice, type SelectChoices } from './params';
import { EXPORTS } from './permissions';
import { flowTitle, percentOf, reasonOf } from './present';

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

const intlTag = (ctx: Pick<RequestCtx, 'locale'>): string => (ctx.locale === 'en' ? 'en-GB' : 'it-IT');

/** A parameter's value as people read it: a month by its name, a day as the pages write dates, a choice by its label. */
function readableValue(ctx: RouteContext, param: ExportParam, value: string, choices: SelectChoices | undefined): string {
  if (param.kind === 'month' && /^\d{4}-\d{2}$/.test(value)) return monthName(ctx.locale, value);
  if (param.kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value))
    return dateTimeFormat(intlTag(ctx), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
  if (param.kind === 'select') return choices?.get(param.name)?.find((c) => c.value === value)?.label ?? value;
  return value;
}

/**
 * A run's parameters in words, as its flow declares them (labels, in their order, values readable); those the flow
 * no longer declares, or all of a flow gone from here, by name as they were recorded.
 */
function paramsText(ctx: RouteContext, run: ExportRun, choices: ReadonlyMap<string, SelectChoices>): string {
  const declared = ctx.extensions.get(ExportFlows, run.flowId)?.params ?? [];
  const parts: string[] = [];
  for (const param of declared) {
    const value = run.params[param.name];
    if (value !== undefined) parts.push(`${ctx.t(param.labelKey)}: ${readableValue(ctx, param, value, choices.get(run.flowId))}`);
  }
  for (const [name, value] of Object.entries(run.params)) if (!declared.some((p) => p.name === name)) parts.push(`${name}: ${value}`);
  return parts.join(', ');
}

/**
 * The choices of the flows the listed runs used, to name a chosen value by its label: each flow's once. A flow whose
 * choices cannot be read now shows its values as they are rather than failing the page.
 */
async function listedChoices(ctx: RouteContext, runs: readonly ExportRun[]): Promise<Map<string, SelectChoices>> {
  const found = new Map<string, SelectChoices>();
  for (const flowId of new Set(runs.map((r) => r.flowId))) {
    const flow = ctx.extensions.get(ExportFlows, flowId);
    if (!flow?.params?.some((p) => p.kind === 'select')) continue;
    try {
      found.set(flowId, await choicesFor(ctx, flow));
    } catch (error) {
      ctx.log.warn({ err: error, flow: flowId }, 'exports: could not read a flow’s choices for the list');
    }
  }
  return found;
}

/** A run as a row of the list: labels in the operator's language, its progress, its file. */
function runRow(ctx: RouteContext, run: ExportRun, choices: ReadonlyMap<string, SelectChoices>) {
  const count = numberFormat(ctx.locale);
  const active = run.state === 'queued' || run.state === 'running';
  const known = run.total !== null && run.total > 0;
  return {
    id: run.id,
    flowTitle: flowTitle(ctx, run.flowId),
    params: paramsText(ctx, run, choices),
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
    error: reasonOf(ctx, run),
    fileUrl: run.state === 'done' ? ctx.url('core.exports.file', { id: run.id }) : null,
    fileName: run.fileName,
    size: run.state === 'done' ? sizeLabel(ctx, run.bytes) : '',
  };
}

/** The exports page: the flows one may start, and the organization's runs with their progress. */
async function indexPage(ctx: RouteContext, setup: ExportsSetup): Promise<RouteResult> {
  const flows = runnableFlows(ctx);
  const listed = await listRuns(ctx, setup);
  const choices = await listedChoices(ctx, listed);
  const runs = listed.map((run) => runRow(ctx, run, choices));
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

/**
 * A flow's form: one field per declared parameter, with the values sent and the errors beside them. A select shows
 * its choices here; a required one with a single choice has it chosen, one with none says so in place of a list.
 */
function formPage(
  ctx: RouteContext,
  flow: ExportFlow,
  choices: SelectChoices,
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
        const value = text(values[p.name]).trim() || (defaultChoice(p, choices) ?? '');
        const offered = choices.get(p.name) ?? [];
        const select = p.kind === 'select';
        return {
          name: p.name,
          label,
          select: select && offered.length > 0,
          noChoices: select && !offered.length ? ctx.t('core:exports.form.noChoices') : '',
          type: INPUT_TYPES[p.kind],
          value,
          hint: p.kind === 'month' ? ctx.t('core:exports.form.monthHint') : p.kind === 'year' ? ctx.t('core:exports.form.yearHint') : '',
          options: offered.map((o) => ({ code: o.value, label: o.label, selected: o.value === value })),
        };
      }),
      hasRequired: (flow.params ?? []).some((p) => p.required),
      errors: state.errors ?? [],
    },
  };
}

export function exportsPages(r: RouteRegistrar, setup: ExportsSetup): void {
  r.get('exports', '/exports', { permission: EXPORTS.use }, (ctx) => indexPage(ctx, setup));

  r.get('exports.new', '/exports/new', { permission: EXPORTS.use }, async (ctx) => {
    const flow = runnableFlow(ctx, text(ctx.query.flow));
    return formPage(ctx, flow, await choicesFor(ctx, flow));
  });

  r.post('exports.start', '/exports', { permission: EXPORTS.use }, async (ctx) => {
    const body = (ctx.body ?? {}) as Record<string, unknown>;
    const flow = runnableFlow(ctx, text(body.flow));
    const choices = await choicesFor(ctx, flow);
    const checked = await checkParams(ctx, flow, body, choices);
    if (!checked.ok) return formPage(ctx, flow, choices, { values: body, errors: checked.errors, status: 422 });
    const run = await startExport(ctx, setup, flow, checked.params);
    return { redirect: `${ctx.url('core.exports')}?${new URLSearchParams({ started: run.id }).toString()}` };
  });

  r.get('exports.file', '/exports/:id/file', { permission: EXPORTS.use }, (ctx) => downloadRun(ctx, setup, ctx.params.id ?? '', 'page'));
}
