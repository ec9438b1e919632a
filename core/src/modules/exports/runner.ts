// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { AuditEvent } from '../../sdk/context';
import { ExportFlows, ExportRefused, type ExportJob } from '../../sdk/extension-points/exports';
import type { JobContext, ScheduledJob } from '../../sdk/extension-points/jobs';
import { ExportFileError, type ChunkWriter, type ExportFiles } from './files';
import type { ExportErrorCode, ExportErrorMessage, ExportRunStore, Lease } from './store';

export const RUN_JOB = 'core.exports.run';
export const SWEEP_JOB = 'core.exports.resume';
export const CLEANUP_JOB = 'core.exports.cleanup';

/** How runs are held, retried and reported. */
export const EXPORT_POLICY = {
  /** Attempts of a run (a crash counts as one) before it is failed for good. */
  maxAttempts: 3,
  /** A worker holds a run this long, renewed by every checkpoint, progress report and heartbeat. */
  leaseSeconds: 120,
  heartbeatMs: 30_000,
  /** Progress is written at most this often (the last value always). */
  progressEveryMs: 500,
  /** A run queued for this long without a worker taking it is sent again by the sweep. */
  queuedSeconds: 300,
} as const;

/** Writes an audit entry of the job, in its transaction. */
export type AuditWriter = (em: EntityManager, organizationId: string, event: AuditEvent) => Promise<void>;
/** Asks for a run to be worked: through the queue, or at once where none runs. */
export type RunTrigger = (organizationId: string, runId: string) => Promise<void>;

export interface RunnerDeps {
  readonly store: ExportRunStore;
  readonly files: () => ExportFiles;
  readonly audit: AuditWriter;
  readonly trigger: RunTrigger;
  readonly keepDays: () => number;
}

/** This worker's lease ran out and another took the run: it stops, touching nothing. */
class LeaseLost extends Error {
  constructor() {
    super('export run: this worker no longer holds the run');
    this.name = 'LeaseLost';
  }
}

export type RunOutcome = 'done' | 'failed' | 'retry' | 'skipped';

const describe = (error: unknown): string => (error instanceof Error && error.message ? error.message : String(error));

const I18N_KEY = /^[a-z][a-z0-9-]*:[A-Za-z0-9_.-]{1,200}$/;

/**
 * A refusal's message as it is kept with the run: a well-formed key, and only short plain values (strings cut to
 * 200 characters, at most 20), so that a flow cannot store more than a sentence's worth. A malformed key keeps
 * none: the operator then reads the generic reason of `flow-refused`.
 */
function refusalMessage(refused: ExportRefused): ExportErrorMessage | null {
  if (typeof refused.messageKey !== 'string' || !I18N_KEY.test(refused.messageKey)) return null;
  const values: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(refused.values ?? {}).slice(0, 20)) {
    if (typeof value === 'string') values[name.slice(0, 40)] = value.slice(0, 200);
    else if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') values[name.slice(0, 40)] = value;
  }
  return { key: refused.messageKey, values };
}

/**
 * Works one run for the organization of `ctx`: takes it (unless another worker holds it), cuts its file
 * back to the last checkpoint's length, and runs the flow from that checkpoint, writing what it yields.
 * A failure leaves the run queued with its checkpoint and is thrown, so that the queue tries again; the
 * last attempt fails it for good, with its reason, and removes the partial file. A flow that refuses the
 * run (`ExportRefused`: its data make the file impossible) fails it at once, with its message: trying
 * again could not help.
 */
export async function executeRun(ctx: JobContext, runId: string, deps: RunnerDeps): Promise<RunOutcome> {
  const { store, audit } = deps;
  const orgId = ctx.organization.id;
  const token = randomUUID();
  const run = await ctx.withEm((em) => store.claim(em, orgId, runId, token, EXPORT_POLICY.leaseSeconds));
  if (!run) return 'skipped';
  const lease: Lease = { runId, token };
  const log: Logger = ctx.log.child({ exportRun: runId, flow: run.flowId, attempt: run.attempts });
  const files = deps.files();

  const flow = ctx.extensions.get(ExportFlows, run.flowId);
  if (!flow) {
    // Its plugin was turned off here, or removed: no attempt can succeed.
    log.warn('export flow not available to this organization');
    await ctx.withEm(async (em) => {
      await store.failUnclaimed(em, runId, 'flow-unavailable', `flow ${run.flowId} is not available`);
      await audit(em, orgId, {
        action: 'export.fail',
        entity: 'export-run',
        entityId: runId,
        details: { flow: run.flowId, reason: 'flow-unavailable', attempt: run.attempts },
      });
    });
    await files.remove(run.fileKey).catch(() => undefined);
    return 'failed';
  }

  let lost = false;
  const held = (ok: boolean): void => {
    if (!ok) {
      lost = true;
      throw new LeaseLost();
    }
  };
  // The latest progress not written yet, and when progress was last written.
  let pending: { done: number; total: number | null } | null = null;
  let lastWrite = 0;
  // The lease renewed while the flow works between writes, with the progress it reported meanwhile.
  const heartbeat = setInterval(() => {
    const progress = pending;
    pending = null;
    ctx
      .withEm((em) =>
        progress
          ? store.progress(em, lease, progress.done, progress.total, EXPORT_POLICY.leaseSeconds)
          : store.renew(em, lease, EXPORT_POLICY.leaseSeconds),
      )
      .then((ok) => {
        if (!ok) lost = true;
      })
      .catch((error: unknown) => log.warn({ err: error }, 'export run: could not renew its lease'));
  }, EXPORT_POLICY.heartbeatMs);
  heartbeat.unref();

  let writer: ChunkWriter | null = null;
  let close: (() => Promise<void>) | null = null;
  try {
    // Before each write to the disk: this worker still holds the run (and holds it a lease longer).
    const guard = async (): Promise<void> => {
      if (lost) throw new LeaseLost();
      held(await ctx.withEm((em) => store.renew(em, lease, EXPORT_POLICY.leaseSeconds)));
    };
    const opened = await files.openAt(run.fileKey, run.checkpoint === null ? 0 : run.bytes, guard);
    writer = opened.writer;
    close = opened.close;
    let resumeFrom = run.checkpoint;
    if (resumeFrom !== null && !opened.resumed) {
      log.warn({ bytes: run.bytes }, 'export file shorter than its checkpoint: starting again from the beginning');
      held(await ctx.withEm((em) => store.checkpoint(em, lease, null, 0, null, EXPORT_POLICY.leaseSeconds)));
      resumeFrom = null;
    }
    if (resumeFrom !== null) log.info({ resumeFrom, bytes: run.bytes }, 'export run resumes from its checkpoint');
    const out = writer;

    const job: ExportJob = {
      organizationId: orgId,
      log,
      resumeFrom,
      withEm: (work) => ctx.withEm(work),
      async checkpoint(position) {
        if (lost) throw new LeaseLost();
        // On the disk first, then recorded: the recorded length never runs ahead of the file.
        await out.sync();
        const progress = pending;
        pending = null;
        held(await ctx.withEm((em) => store.checkpoint(em, lease, String(position), out.length, progress, EXPORT_POLICY.leaseSeconds)));
        if (progress) lastWrite = Date.now();
      },
      async progress(done, total) {
        if (lost) throw new LeaseLost();
        const d = Math.max(0, Math.floor(Number(done) || 0));
        const t = Number.isFinite(Number(total)) && Number(total) >= 0 ? Math.floor(Number(total)) : null;
        pending = { done: d, total: t };
        if (Date.now() - lastWrite < EXPORT_POLICY.progressEveryMs && (t === null || d < t)) return;
        const progress = pending;
        pending = null;
        lastWrite = Date.now();
        held(await ctx.withEm((em) => store.progress(em, lease, progress.done, progress.total, EXPORT_POLICY.leaseSeconds)));
      },
    };

    for await (const chunk of flow.run(run.params, job)) {
      if (lost) throw new LeaseLost();
      if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) throw new TypeError('an export flow yields strings or bytes');
      await out.write(chunk);
    }
    await out.sync();
    await close();
    close = null;
    const progress = pending;
    const finished = await ctx.withEm(async (em) => {
      if (!(await store.finish(em, lease, out.length, progress))) return false;
      await audit(em, orgId, {
        action: 'export.complete',
        entity: 'export-run',
        entityId: runId,
        details: { flow: run.flowId, bytes: out.length, attempt: run.attempts },
      });
      return true;
    });
    held(finished);
    log.info({ bytes: out.length }, 'export run done');
    return 'done';
  } catch (error) {
    // What is held goes to the file as closing it would (a restart cuts it back to the checkpoint anyway),
    // unless another worker has the run now: then this one writes nothing more.
    if (!(error instanceof LeaseLost) && !lost) await writer?.flush().catch(() => undefined);
    await close?.().catch(() => undefined);
    if (error instanceof LeaseLost || lost) {
      log.warn('export run: another worker holds the run now; this one stops');
      return 'skipped';
    }
    const refused = error instanceof ExportRefused;
    const final = refused || run.attempts >= EXPORT_POLICY.maxAttempts;
    const code: ExportErrorCode = refused ? 'flow-refused' : error instanceof ExportFileError ? 'file-failed' : 'flow-failed';
    const message = refused ? refusalMessage(error) : null;
    if (refused) log.warn({ reason: error.messageKey }, 'export run refused by its flow');
    else log.error({ err: error, final }, final ? 'export run failed for good' : 'export run failed; it will be tried again');
    const progress = pending;
    const settled = await ctx.withEm(async (em) => {
      if (!(await store.fail(em, lease, final, code, describe(error), progress, message))) return false;
      if (final)
        await audit(em, orgId, {
          action: 'export.fail',
          entity: 'export-run',
          entityId: runId,
          details: { flow: run.flowId, reason: code, attempt: run.attempts },
        });
      return true;
    });
    if (!settled) return 'skipped';
    if (final) {
      await files.remove(run.fileKey).catch((e: unknown) => log.warn({ err: e }, 'export run: could not remove its partial file'));
      return 'failed';
    }
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
}

/** Works the run a request sent (`data.runId`), for the organization it belongs to; others skip it. */
export function runExportJob(deps: RunnerDeps): ScheduledJob {
  return {
    id: RUN_JOB,
    async run(ctx) {
      const runId = ctx.data.runId;
      if (typeof runId !== 'string') return;
      await executeRun(ctx, runId, deps);
    },
  };
}

/**
 * At each start of a node that works the queue, and every five minutes: the runs left running by a
 * worker that died (its lease ran out) or queued with no worker coming are sent again; each resumes
 * from its checkpoint.
 */
export function resumeExportsJob(deps: RunnerDeps): ScheduledJob {
  return {
    id: SWEEP_JOB,
    cron: '*/5 * * * *',
    atStart: true,
    async run(ctx) {
      const ids = await ctx.withEm((em) => deps.store.abandoned(em, ctx.organization.id, EXPORT_POLICY.queuedSeconds));
      for (const id of ids) {
        ctx.log.info({ exportRun: id }, 'export run left behind: sent again');
        await deps.trigger(ctx.organization.id, id);
      }
    },
  };
}

/** Every night: the files of runs finished more than `exports.keepDays` days ago are removed; the rows stay, `expired`. */
export function cleanupExportsJob(deps: RunnerDeps): ScheduledJob {
  return {
    id: CLEANUP_JOB,
    cron: '40 2 * * *',
    async run(ctx) {
      const expired = await ctx.withEm((em) => deps.store.expire(em, ctx.organization.id, deps.keepDays()));
      const files = deps.files();
      for (const run of expired) if (run.fileKey) await files.remove(run.fileKey);
      if (expired.length) ctx.log.info({ removed: expired.length }, 'export files removed after their keeping time');
    },
  };
}
