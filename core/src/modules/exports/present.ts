// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RequestCtx } from '../../sdk/context';
import { ExportFlows, type ExportFlow } from '../../sdk/extension-points/exports';
import type { SelectChoices } from './params';
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

/** A flow as the API describes it: what the form asks for, a select's choices as they are for the caller's organization. */
export function flowJson(ctx: Pick<RequestCtx, 't'>, flow: ExportFlow, choices: SelectChoices) {
  return {
    id: flow.id,
    title: ctx.t(flow.titleKey),
    format: flow.format,
    params: (flow.params ?? []).map((p) => ({
      name: p.name,
      label: ctx.t(p.labelKey),
      kind: p.kind,
      required: Boolean(p.required),
      options: p.kind === 'select' ? (choices.get(p.name) ?? []).map((o) => ({ value: o.value, label: o.label })) : null,
    })),
  };
}

/**
 * Why a failed run failed, in the operator's language: the flow's own message when it refused the run (kept
 * with it, translated now), else the generic reason of its code; never the technical cause.
 */
export function reasonOf(ctx: Pick<RequestCtx, 't'>, run: Pick<ExportRun, 'errorCode' | 'errorMessage'>): string {
  if (!run.errorCode) return '';
  const generic = String(ctx.t(`core:exports.reasons.${run.errorCode}`));
  const message = run.errorMessage;
  if (run.errorCode !== 'flow-refused' || !message || typeof message.key !== 'string') return generic;
  // A key missing in the operator's language (a plugin since changed) falls back to the generic reason, never to a raw key.
  const text = String(ctx.t(message.key, { ...message.values, defaultValue: '' }));
  return text || generic;
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
    error: run.errorCode ? { code: run.errorCode, message: reasonOf(ctx, run) } : null,
    attempts: run.attempts,
    requestedBy: run.requestedBy ? { id: run.requestedBy, name: run.requestedByName } : null,
    requestedAt: iso(run.requestedAt)!,
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    fileUrl: run.state === 'done' ? ctx.url('core.api.exports.file', { id: run.id }) : null,
  };
}
