// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

export type ExportState = 'queued' | 'running' | 'done' | 'failed' | 'expired';
export const EXPORT_STATES: readonly ExportState[] = ['queued', 'running', 'done', 'failed', 'expired'];
/** Why a run failed, as operators read it (core:exports.reasons.*). */
export type ExportErrorCode = 'flow-failed' | 'flow-unavailable' | 'file-failed' | 'flow-refused';

/** The message a flow refused its run with (`ExportRefused`): an i18n key of its plugin and the values it names. */
export interface ExportErrorMessage {
  readonly key: string;
  readonly values: Readonly<Record<string, string | number | boolean>>;
}

/** A run as pages and the API show it: never its technical error, never where its file lies. */
export interface ExportRun {
  readonly id: string;
  readonly organizationId: string;
  readonly flowId: string;
  readonly permission: string;
  readonly format: 'xml' | 'csv' | 'json';
  readonly params: Record<string, string>;
  readonly state: ExportState;
  readonly done: number;
  readonly total: number | null;
  readonly bytes: number;
  readonly fileName: string;
  readonly errorCode: ExportErrorCode | null;
  /** With `flow-refused`: the flow's message for the operator, translated when shown. */
  readonly errorMessage: ExportErrorMessage | null;
  readonly attempts: number;
  readonly requestedBy: string | null;
  readonly requestedByName: string | null;
  readonly requestedAt: Date;
  readonly startedAt: Date | null;
  readonly updatedAt: Date;
  readonly finishedAt: Date | null;
}

/** A run as the worker that holds it sees it. */
export interface ClaimedRun {
  readonly id: string;
  readonly organizationId: string;
  readonly flowId: string;
  readonly format: 'xml' | 'csv' | 'json';
  readonly params: Record<string, string>;
  readonly checkpoint: string | null;
  readonly bytes: number;
  readonly fileKey: string;
  readonly attempts: number;
  readonly done: number;
  readonly total: number | null;
}

/** The lease's holder: its run, and the token no other worker has. */
export interface Lease {
  readonly runId: string;
  readonly token: string;
}

const COLUMNS = `r.id::text as id, r.owner_org_id::text as "organizationId", r.flow_id as "flowId", r.permission, r.format, r.params,
  r.state, r.done::float8 as done, r.total::float8 as total, r.bytes::float8 as bytes, r.file_name as "fileName",
  r.error_code as "errorCode", r.error_message as "errorMessage", r.attempts, r.requested_by::text as "requestedBy", op.display_name as "requestedByName",
  r.requested_at as "requestedAt", r.started_at as "startedAt", r.updated_at as "updatedAt", r.finished_at as "finishedAt"`;
const FROM = 'core.export_run r left join core.operator op on op.id = r.requested_by';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The runs table. Every statement runs in the caller's transaction, under its row-level security: a
 * request's (the organization it acts in) or a job's (the organization the run is for).
 */
export class ExportRunStore {
  /** Records a queued run; its file will be `<organization>/<run id>.<format>` under the exports folder. */
  async create(
    em: EntityManager,
    run: {
      organizationId: string;
      flowId: string;
      permission: string;
      format: string;
      params: Record<string, string>;
      fileName: string;
      requestedBy: string | null;
    },
  ): Promise<string> {
    const id = randomUUID();
    await em.execute(
      `insert into core.export_run (id, owner_org_id, flow_id, permission, format, params, file_name, file_key, requested_by)
       values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)`,
      [
        id,
        run.organizationId,
        run.flowId,
        run.permission,
        run.format,
        JSON.stringify(run.params),
        run.fileName,
        `${run.organizationId}/${id}.${run.format}`,
        run.requestedBy,
      ],
    );
    return id;
  }

  /** One run of the organization, or null (another organization's, or none). */
  async find(em: EntityManager, organizationId: string, id: string): Promise<ExportRun | null> {
    if (!UUID.test(id)) return null;
    const [row] = await em.execute<ExportRun[]>(`select ${COLUMNS} from ${FROM} where r.id = ? and r.owner_org_id = ?`, [
      id,
      organizationId,
    ]);
    return row ?? null;
  }

  /** Where a finished run's file lies (relative to the exports folder), or null once removed. */
  async fileKey(em: EntityManager, id: string): Promise<string | null> {
    const [row] = await em.execute<{ key: string | null }[]>(`select file_key as key from core.export_run where id = ?`, [id]);
    return row?.key ?? null;
  }

  /** The organization's runs under these permissions, newest first. */
  async list(em: EntityManager, organizationId: string, permissions: readonly string[], limit = 100): Promise<ExportRun[]> {
    if (!permissions.length) return [];
    return em.execute<ExportRun[]>(
      `select ${COLUMNS} from ${FROM} where r.owner_org_id = ? and r.permission = any (?::text[])
       order by r.requested_at desc, r.id limit ?`,
      [organizationId, `{${permissions.map((p) => `"${p}"`).join(',')}}`, limit],
    );
  }

  /**
   * Takes a run for this worker: a queued one, or a running one whose worker's lease ran out (a process
   * killed, a node restarted). Null when it is held by another worker, finished, or not this organization's.
   */
  async claim(em: EntityManager, organizationId: string, id: string, token: string, leaseSeconds: number): Promise<ClaimedRun | null> {
    const [row] = await em.execute<ClaimedRun[]>(
      `update core.export_run set state = 'running', attempts = attempts + 1, lease_token = ?,
         lease_until = now() + make_interval(secs => ?), started_at = coalesce(started_at, now()), updated_at = now()
       where id = ? and owner_org_id = ? and state in ('queued', 'running') and (lease_until is null or lease_until < now())
       returning id::text as id, owner_org_id::text as "organizationId", flow_id as "flowId", format, params, checkpoint,
         bytes::float8 as bytes, file_key as "fileKey", attempts, done::float8 as done, total::float8 as total`,
      [token, leaseSeconds, id, organizationId],
    );
    return row ?? null;
  }

  /**
   * The resume point and the file's length up to it, in one statement (with the progress so far, and a
   * renewed lease). False when this worker no longer holds the run.
   */
  async checkpoint(
    em: EntityManager,
    lease: Lease,
    position: string | null,
    bytes: number,
    progress: { done: number; total: number | null } | null,
    leaseSeconds: number,
  ): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(
      `update core.export_run set checkpoint = ?, bytes = ?, done = coalesce(?, done), total = coalesce(?, total),
         lease_until = now() + make_interval(secs => ?), updated_at = now()
       where id = ? and lease_token = ? and state = 'running' returning id::text as id`,
      [position, bytes, progress?.done ?? null, progress?.total ?? null, leaseSeconds, lease.runId, lease.token],
    );
    return rows.length > 0;
  }

  /** How far the run is, and a renewed lease. False when this worker no longer holds the run. */
  async progress(em: EntityManager, lease: Lease, done: number, total: number | null, leaseSeconds: number): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(
      `update core.export_run set done = ?, total = coalesce(?, total), lease_until = now() + make_interval(secs => ?), updated_at = now()
       where id = ? and lease_token = ? and state = 'running' returning id::text as id`,
      [done, total, leaseSeconds, lease.runId, lease.token],
    );
    return rows.length > 0;
  }

  /** Keeps the run held while the flow works between checkpoints. */
  async renew(em: EntityManager, lease: Lease, leaseSeconds: number): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(
      `update core.export_run set lease_until = now() + make_interval(secs => ?)
       where id = ? and lease_token = ? and state = 'running' returning id::text as id`,
      [leaseSeconds, lease.runId, lease.token],
    );
    return rows.length > 0;
  }

  /** The file is whole: `bytes` long, with the last progress reported (or done = total when none was). */
  async finish(em: EntityManager, lease: Lease, bytes: number, progress: { done: number; total: number | null } | null): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(
      `update core.export_run set state = 'done', bytes = ?, done = coalesce(?, done), total = coalesce(?, total),
         lease_token = null, lease_until = null, error_code = null, error = null, error_message = null,
         finished_at = now(), updated_at = now()
       where id = ? and lease_token = ? and state = 'running' returning id::text as id`,
      [bytes, progress?.done ?? null, progress?.total ?? null, lease.runId, lease.token],
    );
    return rows.length > 0;
  }

  /**
   * An attempt failed: back to `queued` for the next one (the checkpoint stays), or `failed` for good with
   * its reason (and the flow's message, when it refused the run). False when this worker no longer holds the run.
   */
  async fail(
    em: EntityManager,
    lease: Lease,
    final: boolean,
    code: ExportErrorCode,
    error: string,
    progress: { done: number; total: number | null } | null,
    message: ExportErrorMessage | null = null,
  ): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(
      `update core.export_run set state = ?, error_code = ?, error = ?, error_message = ?::jsonb, lease_token = null, lease_until = null,
         done = coalesce(?, done), total = coalesce(?, total), file_key = case when ? then null else file_key end,
         finished_at = case when ? then now() else null end, updated_at = now()
       where id = ? and lease_token = ? and state = 'running' returning id::text as id`,
      [
        final ? 'failed' : 'queued',
        code,
        error.slice(0, 2000),
        message ? JSON.stringify(message) : null,
        progress?.done ?? null,
        progress?.total ?? null,
        final,
        final,
        lease.runId,
        lease.token,
      ],
    );
    return rows.length > 0;
  }

  /** A run that cannot even start (its flow is gone): failed at once, whoever holds it. */
  async failUnclaimed(em: EntityManager, id: string, code: ExportErrorCode, error: string): Promise<void> {
    await em.execute(
      `update core.export_run set state = 'failed', error_code = ?, error = ?, lease_token = null, lease_until = null, file_key = null,
         finished_at = now(), updated_at = now() where id = ? and state in ('queued', 'running')`,
      [code, error.slice(0, 2000), id],
    );
  }

  /**
   * The organization's runs left behind: running with a lease that ran out (its worker died), or queued
   * for longer than `queuedSeconds` (a job that never came).
   */
  async abandoned(em: EntityManager, organizationId: string, queuedSeconds: number): Promise<string[]> {
    const rows = await em.execute<{ id: string }[]>(
      `select id::text as id from core.export_run
       where owner_org_id = ? and state in ('queued', 'running')
         and ((state = 'running' and (lease_until is null or lease_until < now()))
           or (state = 'queued' and updated_at < now() - make_interval(secs => ?)))
       order by requested_at`,
      [organizationId, queuedSeconds],
    );
    return rows.map((r) => r.id);
  }

  /** Finished runs of the organization whose files have been kept long enough: they lose their file, and say so. */
  async expire(em: EntityManager, organizationId: string, keepDays: number): Promise<{ id: string; fileKey: string | null }[]> {
    return em.execute<{ id: string; fileKey: string | null }[]>(
      `with old as (
         select id, file_key from core.export_run
         where owner_org_id = ? and state = 'done' and finished_at < now() - make_interval(days => ?)
         for update)
       update core.export_run r set state = 'expired', file_key = null, updated_at = now()
       from old where r.id = old.id
       returning r.id::text as id, old.file_key as "fileKey"`,
      [organizationId, keepDays],
    );
  }

  /** The file is gone: the row stays, as the record of what was exported, when and by whom. */
  async forgetFile(em: EntityManager, id: string): Promise<void> {
    await em.execute(`update core.export_run set file_key = null where id = ?`, [id]);
  }
}
