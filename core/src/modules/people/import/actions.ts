// SPDX-License-Identifier: AGPL-3.0-or-later
import type { z } from 'zod';
import type { FieldError } from '../../../sdk/errors';
import { HttpError } from '../../../sdk/errors';
import type { RouteContext, UploadedFile } from '../../../sdk/routes';
import { actor } from '../actions';
import { summaries, type PersonSummary } from '../people';
import { mapRow, readCsv } from './csv';
import {
  checkRows,
  CommitFailed,
  ImportService,
  statusOf,
  type CommitResult,
  type ImportBatch,
  type ImportRow,
  type RowEntry,
  type RowStatus,
} from './imports';
import type { importOutput } from './schemas';

/**
 * The import's operations as routes perform them, shared by the pages and the API: reading the upload,
 * the organization's fence on batches, the checks of a commit, and the audit entries.
 */

export const imports = new ImportService();

export type UploadOutcome =
  { readonly ok: true; readonly id: string; readonly rows: number } | { readonly ok: false; readonly errors: FieldError[] };

/** The upload form's file field. */
export const FILE_FIELD = 'file';

/** The file's own name, without a client's path, as the operator will recognise it. */
const fileNameOf = (file: UploadedFile): string => file.filename.split(/[/\\]/).pop()!.slice(0, 200) || 'import.csv';

async function stage(
  ctx: RouteContext,
  entries: readonly RowEntry[],
  meta: { source: 'csv' | 'json'; fileName: string | null },
): Promise<UploadOutcome> {
  const who = actor(ctx);
  // Housekeeping first: staged rows the organization no longer needs are deleted whenever it imports.
  await imports.purge(ctx.em, who.orgId);
  const checked = checkRows(entries, ctx.validate, ctx.t);
  const id = await imports.stage(ctx.em, checked, meta, who);
  await ctx.audit({
    action: 'person-import.upload',
    entity: 'person-import',
    entityId: id,
    details: { rows: entries.length, source: meta.source },
  });
  return { ok: true, id, rows: entries.length };
}

/** Stages the uploaded CSV file, or says field by field why the file cannot be read. */
export async function uploadCsv(ctx: RouteContext): Promise<UploadOutcome> {
  if (ctx.uploadErrors.length) return { ok: false, errors: [...ctx.uploadErrors] };
  const file = ctx.files.find((f) => f.field === FILE_FIELD);
  if (!file) return { ok: false, errors: [{ field: FILE_FIELD, message: ctx.t('core:peopleImport.file.missing') }] };
  const read = readCsv(file.content);
  if (!read.ok) return { ok: false, errors: read.problems.map((p) => ({ field: FILE_FIELD, message: ctx.t(p.key, p.values ?? {}) })) };
  const entries = read.rows.map((r) => ({ row: r.row, raw: { ...r.cells }, ...mapRow(r.cells) }));
  return stage(ctx, entries, { source: 'csv', fileName: fileNameOf(file) });
}

/** Stages people sent as JSON, numbered from 1 in the order sent. */
export async function uploadJson(ctx: RouteContext, rows: readonly Record<string, unknown>[]): Promise<UploadOutcome> {
  const entries = rows.map((values, i) => ({ row: i + 1, raw: values, values, columns: null, problems: [] }));
  return stage(ctx, entries, { source: 'json', fileName: null });
}

/** A batch of the request's organization, or 404: another organization's batch does not exist for it. */
export async function visibleBatch(ctx: RouteContext, id: string | undefined): Promise<ImportBatch> {
  const batch = id ? await imports.find(ctx.em, id, actor(ctx).orgId) : null;
  if (!batch) throw HttpError.notFound();
  return batch;
}

/** The organization's latest batches; their staged rows past retention are deleted on the way. */
export async function recentBatches(ctx: RouteContext): Promise<ImportBatch[]> {
  const { orgId } = actor(ctx);
  await imports.purge(ctx.em, orgId);
  return imports.recent(ctx.em, orgId);
}

/** A batch's status in one word, expiry included. */
export const batchState = (b: ImportBatch): string => (b.expired ? 'expired' : b.status);

/** A row as shown: its status and its candidates, with the details of those the request may see. */
export interface RowView extends ImportRow {
  readonly status: RowStatus;
  readonly shown: readonly { readonly candidate: ImportRow['candidates'][number]; readonly person: PersonSummary | null }[];
}

/** A batch's rows with what the request may see of their candidates (through the person fences), and the read audited. */
export async function readBatch(ctx: RouteContext, batch: ImportBatch): Promise<RowView[]> {
  const rows = await imports.rows(ctx.em, batch.id);
  const ids = [...new Set(rows.flatMap((r) => r.candidates.map((c) => c.personId)))];
  const seen = new Map<string, PersonSummary>();
  for (let i = 0; i < ids.length; i += 1000) for (const s of await summaries(ctx.em, ids.slice(i, i + 1000))) seen.set(s.id, s);
  await ctx.audit({ action: 'person-import.read', entity: 'person-import', entityId: batch.id, details: { rows: rows.length } });
  return rows.map((r) => ({
    ...r,
    status: statusOf(r),
    shown: r.candidates.map((c) => ({ candidate: c, person: seen.get(c.personId) ?? null })),
  }));
}

export function counts(batch: ImportBatch, rows: readonly RowView[]) {
  const of = (s: RowStatus) => rows.filter((r) => r.status === s).length;
  return {
    rows: batch.rowCount,
    ready: of('ready'),
    review: of('review'),
    invalid: of('invalid'),
    registered: of('registered'),
    created: batch.createdCount,
    skipped: batch.skippedCount,
  };
}

/** Cells as text, whether the row came from a file or as JSON. */
const asText = (raw: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(raw)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );

export function batchJson(batch: ImportBatch, rows: readonly RowView[]): z.input<typeof importOutput> {
  return {
    id: batch.id,
    status: batch.status,
    expired: batch.expired,
    source: batch.source,
    fileName: batch.fileName,
    createdAt: new Date(batch.createdAt).toISOString(),
    expiresAt: new Date(batch.expiresAt).toISOString(),
    counts: counts(batch, rows),
    rows: rows.map((r) => ({
      row: r.row,
      status: r.status,
      values: asText(r.raw),
      errors: [...r.errors],
      // Someone the request may not see is named only by the organization that registered them.
      candidates: r.shown.map(({ candidate: c, person: p }) => ({
        personId: p ? c.personId : null,
        reason: c.reason,
        owner: { code: c.ownerCode, name: c.ownerName },
        person: p ? { id: p.id, surname: p.surname, name: p.name, codiceFiscale: p.codiceFiscale, birthDate: p.birthDate } : null,
      })),
      fileMatches: [...r.fileMatches],
      decision: r.decision,
      outcome: r.outcome,
      personId: r.personId,
    })),
  };
}

/**
 * Commits a pending batch of the organization: `accept` lists the rows with possible duplicates to register
 * anyway. A batch already decided, or pending past its expiry, is a conflict; so is a commit that cannot
 * write every row, and then nothing is written. Audited: the commit, and each person created.
 */
export async function commitBatch(ctx: RouteContext, found: ImportBatch, accept: readonly number[]): Promise<CommitResult> {
  const batch = await imports.lock(ctx.em, found);
  if (batch.status !== 'pending') throw HttpError.conflict('core:peopleImport.errors.decided', { status: batch.status });
  if (batch.expired) throw HttpError.conflict('core:peopleImport.errors.expired', { status: 'expired' });
  const statuses = new Map((await imports.rows(ctx.em, batch.id)).map((r) => [r.row, statusOf(r)]));
  const wrong = accept.filter((n) => !['ready', 'review'].includes(statuses.get(n) ?? 'invalid'));
  if (wrong.length) {
    throw HttpError.invalid([
      { field: 'accept', message: ctx.t('core:peopleImport.errors.notAcceptable', { rows: wrong.slice(0, 20).join(', ') }) },
    ]);
  }
  let result: CommitResult;
  try {
    result = await imports.commit(ctx.em, batch, new Set(accept), actor(ctx));
  } catch (error) {
    if (error instanceof CommitFailed) throw HttpError.conflict('core:peopleImport.errors.commitFailed');
    throw error;
  }
  await ctx.audit([
    ...result.created.map(({ personId }) => ({
      action: 'person.create',
      entity: 'person',
      entityId: personId,
      details: { import: batch.id },
    })),
    {
      action: 'person-import.commit',
      entity: 'person-import',
      entityId: batch.id,
      details: { created: result.created.length, skipped: result.skipped, changed: result.changed.length },
    },
  ]);
  return result;
}

/** Discards a pending batch: its staged rows are deleted. */
export async function discardBatch(ctx: RouteContext, found: ImportBatch): Promise<void> {
  const batch = await imports.lock(ctx.em, found);
  if (batch.status !== 'pending') throw HttpError.conflict('core:peopleImport.errors.decided', { status: batch.status });
  await imports.discard(ctx.em, batch, actor(ctx));
  await ctx.audit({ action: 'person-import.discard', entity: 'person-import', entityId: batch.id, details: { rows: batch.rowCount } });
}
