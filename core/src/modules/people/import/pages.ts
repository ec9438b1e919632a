// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FieldError } from '../../../sdk/errors';
import type { RouteContext, RouteRegistrar, RouteResult } from '../../../sdk/routes';
import {
  batchState,
  commitBatch,
  counts,
  discardBatch,
  FILE_FIELD,
  readBatch,
  recentBatches,
  uploadCsv,
  visibleBatch,
  type RowView,
} from './actions';
import { COLUMNS, CSV_CONTENT_TYPES, MAX_BYTES, MAX_ROWS, templateCsv } from './csv';
import type { ImportBatch } from './imports';

const PERMISSION = 'core.people.import';

/** The rows the page lists first: those that need the operator, then the ones that will simply be registered. */
const SECTIONS = ['review', 'registered', 'invalid', 'ready'] as const;

/** The upload form with the organization's latest batches. */
async function uploadPage(ctx: RouteContext, errors: readonly FieldError[] = [], status = 200): Promise<RouteResult> {
  const batches = await recentBatches(ctx);
  return {
    view: 'core:people/import/index',
    model: {
      title: ctx.t('core:peopleImport.title'),
      errors,
      maxRows: MAX_ROWS.toLocaleString(ctx.locale === 'en' ? 'en-GB' : 'it-IT'),
      maxMegabytes: MAX_BYTES / 1_048_576,
      accept: ['.csv', ...CSV_CONTENT_TYPES].join(','),
      columns: COLUMNS.map((c) => ({ header: c.header, required: Boolean(c.required) })),
      discarded: ctx.query.discarded === '1',
      batches: batches.map((b) => ({
        ...b,
        state: batchState(b),
        stateLabel: ctx.t(`core:peopleImport.states.${batchState(b)}`),
        href: ctx.url('core.people.import.show', { id: b.id }),
      })),
    },
    status,
  };
}

/** A row as the table shows it: its cells, its problems by column, its candidates as the registration form shows them. */
function rowModel(ctx: RouteContext, r: RowView) {
  const cell = (name: string): string => (typeof r.raw[name] === 'string' ? (r.raw[name] as string) : '');
  // A JSON row carries the input's own field names.
  const pick = (column: string, field: string): string => cell(column) || cell(field);
  return {
    row: r.row,
    status: r.status,
    statusLabel: ctx.t(`core:peopleImport.rowState.${r.status}`),
    person: `${pick('cognome', 'surname')} ${pick('nome', 'name')}`.trim(),
    code: pick('codice_fiscale', 'codiceFiscale') || pick('codice_provvisorio', 'provisionalCode'),
    birthDate: pick('data_nascita', 'birthDate'),
    errors: r.errors.map((e) => ({
      ...e,
      label: e.column ?? ctx.t(`core:people.fields.${e.field.split('.')[0]}`, { defaultValue: e.field }),
    })),
    candidates: r.shown.map(({ candidate, person }) => ({
      person,
      owner: { code: candidate.ownerCode, name: candidate.ownerName },
      reasonLabel: ctx.t(`core:people.duplicates.reasons.${candidate.reason}`),
      href: person ? ctx.url('core.people.show', { id: candidate.personId }) : null,
    })),
    fileMatches: r.fileMatches.join(', '),
    decide: r.status === 'review',
    createChecked: r.decision === 'create',
    outcome: r.outcome,
    outcomeLabel: r.outcome ? ctx.t(`core:peopleImport.outcomes.${r.outcome}`) : null,
    personHref: r.personId ? ctx.url('core.people.show', { id: r.personId }) : null,
  };
}

async function batchPage(ctx: RouteContext, batch: ImportBatch): Promise<RouteResult> {
  const rows = await readBatch(ctx, batch);
  const models = rows.map((r) => rowModel(ctx, r));
  const pending = batch.status === 'pending' && !batch.expired;
  return {
    view: 'core:people/import/show',
    model: {
      title: ctx.t('core:peopleImport.batch.title', { name: batch.fileName ?? ctx.t('core:peopleImport.batch.jsonName') }),
      batch,
      state: batchState(batch),
      stateLabel: ctx.t(`core:peopleImport.states.${batchState(batch)}`),
      counts: counts(batch, rows),
      pending,
      purged: Boolean(batch.purgedAt),
      committed: ctx.query.committed === '1',
      changed: models.filter((m) => m.outcome === 'new-candidates').length,
      // Before the commit the rows are grouped by what they need; after it, in file order with their outcome.
      sections: pending
        ? SECTIONS.map((s) => ({
            id: s,
            title: ctx.t(`core:peopleImport.sections.${s}`),
            rows: models.filter((m) => m.status === s),
          })).filter((s) => s.rows.length)
        : [{ id: 'all', title: ctx.t('core:peopleImport.sections.all'), rows: models }].filter((s) => s.rows.length),
      commitAction: ctx.url('core.people.import.commit', { id: batch.id }),
      discardAction: ctx.url('core.people.import.discard', { id: batch.id }),
    },
  };
}

/** The import's pages: upload, the batch to review and decide on, commit and discard. Fixed paths before `/people/:id`. */
export function registerPeopleImportPages(r: RouteRegistrar): void {
  r.get('people.import', '/people/import', { permission: PERMISSION }, (ctx) => uploadPage(ctx));

  r.get('people.import.template', '/people/import/template.csv', { permission: PERMISSION }, () => ({
    download: { filename: 'sigess-importazione-persone.csv', contentType: 'text/csv; charset=utf-8', body: templateCsv() },
  }));

  r.post(
    'people.import.upload',
    '/people/import',
    { permission: PERMISSION, upload: { field: FILE_FIELD, maxBytes: MAX_BYTES, contentTypes: CSV_CONTENT_TYPES } },
    async (ctx) => {
      const outcome = await uploadCsv(ctx);
      if (!outcome.ok) return uploadPage(ctx, outcome.errors, 422);
      return { redirect: ctx.url('core.people.import.show', { id: outcome.id }) };
    },
  );

  r.get('people.import.show', '/people/import/:id', { permission: PERMISSION }, async (ctx) =>
    batchPage(ctx, await visibleBatch(ctx, ctx.params.id)),
  );

  r.post('people.import.commit', '/people/import/:id/commit', { permission: PERMISSION }, async (ctx) => {
    const batch = await visibleBatch(ctx, ctx.params.id);
    // One radio per row with possible duplicates, `decision-<row>`: skip unless the operator chose to register.
    const body = (ctx.body ?? {}) as Record<string, unknown>;
    const accept = Object.entries(body)
      .filter(([key, value]) => /^decision-[0-9]{1,6}$/.test(key) && value === 'create')
      .map(([key]) => Number(key.slice('decision-'.length)));
    await commitBatch(ctx, batch, accept);
    return { redirect: `${ctx.url('core.people.import.show', { id: batch.id })}?committed=1` };
  });

  r.post('people.import.discard', '/people/import/:id/discard', { permission: PERMISSION }, async (ctx) => {
    await discardBatch(ctx, await visibleBatch(ctx, ctx.params.id));
    return { redirect: `${ctx.url('core.people.import')}?discarded=1` };
  });
}
