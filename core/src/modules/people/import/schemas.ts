// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import { MAX_ROWS } from './csv';

/**
 * The import's API input and output. A batch's rows are checked one by one against `personInput` by the
 * import itself, so that one bad row is reported in its place rather than refusing the whole request.
 */

/** A JSON upload: people as the registration API takes them (`PersonInput`), numbered from 1 in the batch. */
export const importJsonInput = z
  .object({
    rows: z.array(z.record(z.string(), z.unknown()).describe('A PersonInput, checked row by row')).min(1).max(MAX_ROWS),
  })
  .meta({ id: 'PersonImportUpload' });

/** Committing: the rows with possible duplicates to register anyway; the others of them are skipped. */
export const importCommitInput = z
  .object({
    accept: z.array(z.coerce.number().int().min(1)).max(MAX_ROWS).default([]),
  })
  .meta({ id: 'PersonImportCommit' });
export type ImportCommitInput = z.output<typeof importCommitInput>;

/** A page's decisions: `decision[<row>]` = `create` or `skip`, one per row with possible duplicates. */
export const importDecisionsForm = z.object({
  decision: z.record(z.string().regex(/^[0-9]{1,6}$/), z.enum(['create', 'skip'])).default({}),
});

const candidate = z.object({
  personId: z.uuid().nullable().describe('Null when the person is registered by an organization the request does not see'),
  reason: z.string(),
  owner: z.object({ code: z.string(), name: z.string() }),
  person: z
    .object({
      id: z.uuid(),
      surname: z.string(),
      name: z.string(),
      codiceFiscale: z.string().nullable(),
      birthDate: z.string().nullable(),
    })
    .nullable(),
});

export const importRowOutput = z.object({
  row: z.number().int(),
  status: z
    .enum(['ready', 'review', 'invalid', 'registered'])
    .describe('ready: will be registered; review: possible duplicates, decide; invalid: errors; registered: the same code exists'),
  values: z.record(z.string(), z.string()).describe('The cells as the file held them, by column (or the JSON row)'),
  errors: z.array(z.object({ field: z.string(), column: z.string().nullable(), message: z.string() })),
  candidates: z.array(candidate),
  fileMatches: z.array(z.number().int()).describe('Earlier rows of the same batch with the same name and birth date'),
  decision: z.enum(['create', 'skip']).nullable(),
  outcome: z.enum(['created', 'skipped', 'invalid', 'registered', 'new-candidates']).nullable(),
  personId: z.uuid().nullable(),
});

export const importOutput = z
  .object({
    id: z.uuid(),
    status: z.enum(['pending', 'committed', 'discarded']),
    expired: z.boolean().describe('A pending batch past its expiry can no longer be committed'),
    source: z.enum(['csv', 'json']),
    fileName: z.string().nullable(),
    createdAt: z.string(),
    expiresAt: z.string(),
    counts: z.object({
      rows: z.number().int(),
      ready: z.number().int(),
      review: z.number().int(),
      invalid: z.number().int(),
      registered: z.number().int(),
      created: z.number().int().nullable(),
      skipped: z.number().int().nullable(),
    }),
    rows: z.array(importRowOutput),
  })
  .meta({ id: 'PersonImport' });
