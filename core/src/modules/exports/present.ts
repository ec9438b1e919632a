// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RequestCtx } from '../../sdk/context';
import { ExportFlows, type ExportFlow } from '../../sdk/extension-points/exports';
import type { ExportRun } from './store';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** How far a run is, in percent: a finished run is whole; an unknown total is 0 until it is known. */
export function percentOf(run: Pick<ExportRun, 'state' | 'done' | 'total'>): number {
  if (run.state === 'done' || run.state === 'expired') return 100;
  if (!run.total) return 0;
  return Math.max(0, Math.min(100, Math.floor((run.done / run.total) * 100)));
}

/** A flow's title in the operator's language; a flow gone from this organization is named by its id. */
export function flowTitle(ctx: Pick<RequestCtx, 't' | 'extensions'>, flowId: string): string {
  const flow = ctx.extensions.get(ExportFlows, flowId);
  return flow ? ctx.t(flow.titleKey) : flowId;
}

/** A flow as the API describes it: what the form asks for. */
export function flowJson(ctx: Pick<RequestCtx, 't'>, flow: ExportFlow) {
  return {
    id: flow.id,
    title: ctx.t(flow.titleKey),
    format: flow.format,
    params: (flow.params ?? []).map((p) => ({
      name: p.name,
      label: ctx.t(p.labelKey),
      kind: p.kind,
      required: Boolean(p.required),
      options: p.kind === 'select' ? (p.options ?? []).map((o) => ({ value: o.value, label: ctx.t(o.labelKey) })) : null,
    })),
  };
}

/** A run as the API gives it: its state and progress, who asked for it and when, the way to its file. */
export function runJson(
  ctx: Pick<RequestCtx, 't' | 'extensions'> & { url(name: string, params?: Record<string, string>): string },
  run: ExportRun,
) {
  return {
    id: run.id,
    flow: { id: run.flowId, title: flowTitle(ctx, run.flowId) },
    format: run.format,
    params: run.params,
    state: run.state,
    progress: { done: run.done, total: run.total, percent: percentOf(run) },
    bytes: run.bytes,
    fileName: run.fileName,
    error: run.errorCode ? { code: run.errorCode, message: ctx.t(`core:exports.reasons.${run.errorCode}`) } : null,
    attempts: run.attempts,
    requestedBy: run.requestedBy ? { id: run.requestedBy, name: run.requestedByName } : null,
    requestedAt: iso(run.requestedAt)!,
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    fileUrl: run.state === 'done' ? ctx.url('core.api.exports.file', { id: run.id }) : null,
  };
}
