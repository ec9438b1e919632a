// SPDX-License-Identifier: AGPL-3.0-or-later
import type { z } from 'zod';
import type { RouteContext, RouteRegistrar } from '../../sdk/routes';
import { HttpError } from '../../sdk/errors';
import { visibleCartella } from '../cartella/actions';
import type { CartellaDocument } from './documents';
import {
  FILE_FIELD,
  documents,
  downloadDocument,
  listDocuments,
  readableCartella,
  uploadDocument,
  visibleDocument,
  withdrawDocument,
  type DocumentsSetup,
} from './actions';
import { documentListOutput, documentOutput, documentUploadInput, documentWithdrawInput } from './schemas';
import { DECLARED_TYPES } from './sniff';

function documentJson(ctx: RouteContext, d: CartellaDocument): z.input<typeof documentOutput> {
  return {
    id: d.id,
    cartellaId: d.cartellaId,
    title: d.title,
    category: d.category,
    confidentiality: d.confidentiality,
    filename: d.filename,
    mediaType: d.mediaType,
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    scanStatus: d.scanStatus,
    scanEngine: d.scanEngine,
    uploadedAt: new Date(d.uploadedAt).toISOString(),
    uploadedBy: { id: d.uploadedById, displayName: d.uploadedByName },
    downloadUrl: ctx.url('core.api.cartelle.documents.download', { id: d.cartellaId, documentId: d.id }),
  };
}

/** The documents' JSON API under /api/v1/cartelle/:id/documents: the same actions as the pages. */
export function registerDocumentApi(r: RouteRegistrar, setup: DocumentsSetup): void {
  r.get(
    'api.cartelle.documents',
    '/api/v1/cartelle/:id/documents',
    {
      permission: 'core.documents.view',
      response: documentListOutput,
      summary: "The cartella's documents the caller may see, newest first",
    },
    async (ctx) => {
      const { cartella } = await readableCartella(ctx, ctx.params.id);
      const items = await listDocuments(ctx, cartella, 'api');
      return { json: { items: items.map((d) => documentJson(ctx, d)) } };
    },
  );
  r.post(
    'api.cartelle.documents.upload',
    '/api/v1/cartelle/:id/documents',
    {
      permission: 'core.documents.upload',
      upload: { field: FILE_FIELD, maxBytes: setup.maxBytes, contentTypes: DECLARED_TYPES },
      body: documentUploadInput,
      response: documentOutput,
      summary:
        'Upload a document (multipart: title, category, confidentiality, file). Its type is told from its content (PDF, PNG, JPEG, TIFF, ODT, ODS, DOCX, XLSX, UTF-8 text) and must agree with its name; 422 when refused, 409 when the cartella is closed',
    },
    async (ctx) => {
      const cartella = await visibleCartella(ctx, ctx.params.id);
      const parsed = ctx.validate(documentUploadInput, ctx.body ?? {});
      if (!parsed.ok) throw HttpError.invalid(parsed.errors);
      const outcome = await uploadDocument(ctx, setup, cartella, parsed.data, ctx.files[0]);
      if (!outcome.ok) {
        // Returned, not thrown: the audit entry of the refusal is kept.
        if (outcome.refused) return { refusal: HttpError.invalid(outcome.errors) };
        throw HttpError.invalid(outcome.errors);
      }
      const doc = (await documents.find(ctx.em, cartella.id, outcome.id))!;
      return { json: documentJson(ctx, doc), status: 201 };
    },
  );
  r.get(
    'api.cartelle.documents.download',
    '/api/v1/cartelle/:id/documents/:documentId/download',
    { permission: 'core.documents.view', summary: 'The bytes of a document, as an attachment with its detected media type' },
    async (ctx) => downloadDocument(ctx, setup, (await readableCartella(ctx, ctx.params.id)).cartella, ctx.params.documentId),
  );
  r.post(
    'api.cartelle.documents.withdraw',
    '/api/v1/cartelle/:id/documents/:documentId/withdraw',
    {
      permission: 'core.documents.withdraw',
      body: documentWithdrawInput,
      summary: 'Withdraw a document, with the reason: it leaves the lists and downloads; the record stays',
    },
    async (ctx) => {
      const cartella = await visibleCartella(ctx, ctx.params.id);
      const doc = await visibleDocument(ctx, cartella, ctx.params.documentId);
      await withdrawDocument(ctx, cartella, doc, ctx.body as z.output<typeof documentWithdrawInput>);
      return { json: { id: doc.id, withdrawn: true } };
    },
  );
}
