// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import { HttpError } from '../../../sdk/errors';
import type { RouteRegistrar } from '../../../sdk/routes';
import {
  batchJson,
  batchState,
  commitBatch,
  discardBatch,
  FILE_FIELD,
  readBatch,
  recentBatches,
  uploadCsv,
  uploadJson,
  visibleBatch,
} from './actions';
import { CSV_CONTENT_TYPES, MAX_BYTES } from './csv';
import { importCommitInput, importJsonInput, importOutput } from './schemas';

const PERMISSION = 'core.people.import';

const batchList = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      status: z.enum(['pending', 'committed', 'discarded', 'expired']),
      fileName: z.string().nullable(),
      rows: z.number().int(),
      createdAt: z.string(),
      created: z.number().int().nullable(),
      skipped: z.number().int().nullable(),
    }),
  ),
});

const commitOutput = z.object({
  id: z.uuid(),
  created: z.array(z.object({ row: z.number().int(), personId: z.uuid() })),
  skipped: z.number().int(),
  changed: z.array(z.number().int()).describe('Rows not created: the registry now holds possible duplicates not shown at upload'),
});

/** The import's JSON API under /api/v1/people-imports: the same operations as the pages. */
export function registerPeopleImportApi(r: RouteRegistrar): void {
  r.get(
    'api.people.imports',
    '/api/v1/people-imports',
    { permission: PERMISSION, response: batchList, summary: "The organization's latest import batches" },
    async (ctx) => ({
      json: {
        items: (await recentBatches(ctx)).map((b) => ({
          id: b.id,
          status: batchState(b),
          fileName: b.fileName,
          rows: b.rowCount,
          createdAt: new Date(b.createdAt).toISOString(),
          created: b.createdCount,
          skipped: b.skippedCount,
        })),
      },
    }),
  );
  r.post(
    'api.people.import.create',
    '/api/v1/people-imports',
    {
      permission: PERMISSION,
      body: importJsonInput,
      upload: { field: FILE_FIELD, maxBytes: MAX_BYTES, contentTypes: CSV_CONTENT_TYPES },
      response: importOutput,
      summary: 'Stage people for import: a CSV file (multipart, field "file") or JSON rows; nothing is registered until the commit',
    },
    async (ctx) => {
      // A JSON body passed its schema before the handler; anything else came as a multipart form, file or not.
      const rows = (ctx.body as Partial<z.output<typeof importJsonInput>> | undefined)?.rows;
      const outcome = Array.isArray(rows) && !ctx.files.length ? await uploadJson(ctx, rows) : await uploadCsv(ctx);
      if (!outcome.ok) throw HttpError.invalid(outcome.errors);
      const batch = await visibleBatch(ctx, outcome.id);
      return { json: batchJson(batch, await readBatch(ctx, batch)), status: 201 };
    },
  );
  r.get(
    'api.people.import.show',
    '/api/v1/people-imports/:id',
    {
      permission: PERMISSION,
      response: importOutput,
      summary: 'An import batch: each row with its errors, possible duplicates and outcome',
    },
    async (ctx) => {
      const batch = await visibleBatch(ctx, ctx.params.id);
      return { json: batchJson(batch, await readBatch(ctx, batch)) };
    },
  );
  r.post(
    'api.people.import.commit',
    '/api/v1/people-imports/:id/commit',
    {
      permission: PERMISSION,
      body: importCommitInput,
      response: commitOutput,
      summary: 'Register the ready rows and the accepted ones in one transaction (409 when the batch is not pending)',
    },
    async (ctx) => {
      const batch = await visibleBatch(ctx, ctx.params.id);
      const result = await commitBatch(ctx, batch, (ctx.body as z.output<typeof importCommitInput>).accept);
      return { json: { id: batch.id, ...result } };
    },
  );
  r.post(
    'api.people.import.discard',
    '/api/v1/people-imports/:id/discard',
    { permission: PERMISSION, summary: 'Discard a pending batch: its staged rows are deleted' },
    async (ctx) => {
      const batch = await visibleBatch(ctx, ctx.params.id);
      await discardBatch(ctx, batch);
      return { json: { id: batch.id, status: 'discarded' } };
    },
  );
}
