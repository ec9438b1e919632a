// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import { CONFIDENTIALITY_CODES } from '../cartella/codes';

/**
 * The documents' inputs and output: one schema each for the form, the API and the OpenAPI document. The
 * category is checked against the organization's code list by the actions (a plugin may bring a richer one).
 */

export const documentUploadInput = z
  .object({
    title: z.string().trim().min(1).max(200).describe('What the document is, as the team will look for it'),
    category: z.string().trim().min(1).max(60).describe('Code of core.document-categories'),
    confidentiality: z.enum(CONFIDENTIALITY_CODES).describe("team: the cartella's responsible and team only; organization; partners"),
  })
  .meta({ id: 'DocumentUpload' });
export type DocumentUpload = z.output<typeof documentUploadInput>;

export const documentWithdrawInput = z
  .object({ reason: z.string().trim().min(1).max(500).describe('Why the document is withdrawn; kept with it') })
  .meta({ id: 'DocumentWithdraw' });
export type DocumentWithdraw = z.output<typeof documentWithdrawInput>;

export const documentOutput = z
  .object({
    id: z.uuid(),
    cartellaId: z.uuid(),
    title: z.string(),
    category: z.string(),
    confidentiality: z.enum(CONFIDENTIALITY_CODES),
    filename: z.string().describe("The client's file name, for display"),
    mediaType: z.string().describe('Detected from the content'),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    scanStatus: z.enum(['clean', 'not-scanned']),
    scanEngine: z.string().nullable(),
    uploadedAt: z.string(),
    uploadedBy: z.object({ id: z.uuid(), displayName: z.string() }),
    downloadUrl: z.string(),
  })
  .meta({ id: 'Document' });

export const documentListOutput = z.object({ items: z.array(documentOutput) }).meta({ id: 'DocumentList' });
