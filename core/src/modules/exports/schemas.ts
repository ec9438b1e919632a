// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';

/** Starting a run: the flow, and its parameters as its declaration in `GET /api/v1/exports/flows` says. */
export const exportStartInput = z.object({
  flow: z.string().trim().min(1).max(200).describe('The flow id: siuss.psa, say'),
  params: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .optional()
    .describe(
      'By parameter name: a date as YYYY-MM-DD, a month as YYYY-MM, a year as YYYY, a select as one of its values (a required select with one choice takes it when left out)',
    ),
});

export const exportFlowOutput = z
  .object({
    id: z.string(),
    title: z.string(),
    format: z.enum(['xml', 'csv', 'json']),
    params: z.array(
      z.object({
        name: z.string(),
        label: z.string(),
        kind: z.enum(['date', 'month', 'year', 'text', 'select']),
        required: z.boolean(),
        options: z
          .array(z.object({ value: z.string(), label: z.string() }))
          .nullable()
          .describe(
            "A select's choices, as they are in the caller's organization (empty: none to choose, every start is refused); null for other kinds",
          ),
      }),
    ),
  })
  .meta({ id: 'ExportFlow' });

export const exportRunOutput = z
  .object({
    id: z.uuid(),
    flow: z.object({ id: z.string(), title: z.string() }),
    format: z.enum(['xml', 'csv', 'json']),
    params: z.record(z.string(), z.string()),
    state: z.enum(['queued', 'running', 'done', 'failed', 'expired']),
    progress: z.object({ done: z.number().int(), total: z.number().int().nullable(), percent: z.number().int() }),
    bytes: z.number().int().describe('The file written so far (up to the last checkpoint while running)'),
    fileName: z.string(),
    error: z
      .object({ code: z.string(), message: z.string() })
      .nullable()
      .describe('Why a failed run failed, in the caller’s language: the flow’s own message when it refused the run (flow-refused)'),
    attempts: z.number().int(),
    requestedBy: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
    requestedAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    fileUrl: z.string().nullable().describe('Where to download the file, once done'),
  })
  .meta({ id: 'ExportRun' });
