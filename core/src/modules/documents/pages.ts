// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RequestCtx } from '../../sdk/context';
import type { FieldError } from '../../sdk/errors';
import type { RouteContext, RouteRegistrar, RouteResult } from '../../sdk/routes';
import { labeller, options } from '../access/code-options';
import type { Cartella } from '../cartella/cartelle';
import { CONFIDENTIALITY_LEVELS } from '../cartella/codes';
import { visibleCartella } from '../cartella/actions';
import { DOCUMENT_CATEGORIES } from './codes';
import type { CartellaDocument } from './documents';
import {
  FILE_FIELD,
  downloadDocument,
  cartellaForDocuments,
  listDocuments,
  readableCartella,
  uploadDocument,
  visibleDocument,
  withdrawDocument,
  type DocumentsSetup,
} from './actions';
import { documentUploadInput, documentWithdrawInput } from './schemas';
import { DECLARED_TYPES, DOCUMENT_TYPES } from './sniff';
import { numberFormat } from '../../sdk/formats';

type Values = Record<string, unknown>;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** What the `accept` attribute offers in the file chooser: the extensions of the accepted types. */
const ACCEPT = Object.values(DOCUMENT_TYPES)
  .flatMap((t) => t.extensions.map((e) => `.${e}`))
  .join(',');

const megabytes = (ctx: Pick<RequestCtx, 'locale'>, bytes: number) =>
  numberFormat(ctx.locale, { maximumFractionDigits: 1 }).format(bytes / 1_048_576);

/** A file's size as people read it: bytes, kilobytes or megabytes. */
function sizeLabel(ctx: Pick<RequestCtx, 'locale' | 't'>, bytes: number): string {
  const format = numberFormat(ctx.locale, { maximumFractionDigits: 1 });
  if (bytes < 1024) return ctx.t('core:documents.list.bytes', { count: bytes });
  if (bytes < 1_048_576) return ctx.t('core:documents.list.kilobytes', { size: format.format(bytes / 1024) });
  return ctx.t('core:documents.list.megabytes', { size: format.format(bytes / 1_048_576) });
}

/** A document as a row of the lists: labels in the operator's language, the way to download it. */
function present(ctx: Pick<RequestCtx, 'extensions' | 'locale' | 't'>, doc: CartellaDocument) {
  return {
    ...doc,
    categoryLabel: labeller(ctx, DOCUMENT_CATEGORIES)(doc.category),
    confidentialityLabel: labeller(ctx, CONFIDENTIALITY_LEVELS)(doc.confidentiality),
    size: sizeLabel(ctx, doc.sizeBytes),
    notScanned: doc.scanStatus === 'not-scanned',
  };
}

interface PageState {
  readonly status?: number;
  readonly errors?: readonly FieldError[];
  /** The form the errors belong to: `upload`, or the id of the document whose withdrawal failed. */
  readonly form?: string;
  readonly values?: Values;
  /** Read through a share: the list and downloads only. */
  readonly partner?: boolean;
}

/** The documents of a cartella on one page: the list, the upload form, a withdraw form each. */
async function documentsPage(ctx: RouteContext, setup: DocumentsSetup, c: Cartella, state: PageState = {}): Promise<RouteResult> {
  const items = await listDocuments(ctx, c, 'documents-page');
  const values = state.form === 'upload' ? (state.values ?? {}) : {};
  const canWithdraw = !state.partner && ctx.can('core.documents.withdraw');
  return {
    view: 'core:documents/index',
    status: state.status ?? 200,
    subject: { kind: 'cartella', id: c.id },
    model: {
      title: ctx.t('core:documents.title', { number: c.number }),
      cartella: { ...c, href: ctx.url('core.cartelle.show', { id: c.id }) },
      documents: items.map((d) => ({
        ...present(ctx, d),
        withdrawAction: canWithdraw ? ctx.url('core.cartelle.documents.withdraw', { id: c.id, documentId: d.id }) : null,
        withdrawOpen: state.form === d.id,
        reasonField: `reason-${d.id}`,
        reason: state.form === d.id ? text(state.values?.reason) : '',
      })),
      upload:
        !state.partner && ctx.can('core.documents.upload') && c.state !== 'closed'
          ? {
              action: ctx.url('core.cartelle.documents.upload', { id: c.id }),
              title: text(values.title),
              categories: options(ctx, DOCUMENT_CATEGORIES, values.category),
              levels: options(ctx, CONFIDENTIALITY_LEVELS, values.confidentiality ?? 'organization'),
              accept: ACCEPT,
              maxMegabytes: megabytes(ctx, setup.maxBytes),
            }
          : null,
      closed: c.state === 'closed',
      errors: state.errors ?? [],
      saved: ctx.query.saved === '1',
      withdrawn: ctx.query.withdrawn === '1',
    },
  };
}

/** The cartella page's box: the latest documents the operator may see, and the way to all of them. */
export async function documentsSlot(ctx: RequestCtx, cartellaId: string) {
  const { cartella } = (await cartellaForDocuments(ctx.em, cartellaId)) ?? {};
  if (!cartella) return null;
  const items = await listDocuments(ctx, cartella, 'cartella');
  return {
    cartellaId,
    total: items.length,
    documents: items.slice(0, 5).map((d) => present(ctx, d)),
    more: items.length > 5,
  };
}

export function registerDocumentPages(r: RouteRegistrar, setup: DocumentsSetup): void {
  r.get('cartelle.documents', '/cartelle/:id/documents', { permission: 'core.documents.view' }, async (ctx) => {
    const { cartella, partner } = await readableCartella(ctx, ctx.params.id);
    return documentsPage(ctx, setup, cartella, { partner });
  });

  r.post(
    'cartelle.documents.upload',
    '/cartelle/:id/documents',
    {
      permission: 'core.documents.upload',
      upload: { field: FILE_FIELD, maxBytes: setup.maxBytes, contentTypes: DECLARED_TYPES },
    },
    async (ctx) => {
      const cartella = await visibleCartella(ctx, ctx.params.id);
      const values = (ctx.body ?? {}) as Values;
      const parsed = ctx.validate(documentUploadInput, values);
      // A file refused on the way in (too large, a type nobody declares for documents) is the file field's error.
      const early = [...(parsed.ok ? [] : parsed.errors), ...ctx.uploadErrors];
      if (!parsed.ok || ctx.uploadErrors.length)
        return documentsPage(ctx, setup, cartella, { status: 422, errors: early, form: 'upload', values });
      const outcome = await uploadDocument(ctx, setup, cartella, parsed.data, ctx.files[0]);
      if (!outcome.ok) return documentsPage(ctx, setup, cartella, { status: 422, errors: outcome.errors, form: 'upload', values });
      return { redirect: `${ctx.url('core.cartelle.documents', { id: cartella.id })}?saved=1` };
    },
  );

  r.get('cartelle.documents.download', '/cartelle/:id/documents/:documentId/download', { permission: 'core.documents.view' }, async (ctx) =>
    downloadDocument(ctx, setup, (await readableCartella(ctx, ctx.params.id)).cartella, ctx.params.documentId),
  );

  r.post(
    'cartelle.documents.withdraw',
    '/cartelle/:id/documents/:documentId/withdraw',
    { permission: 'core.documents.withdraw', body: documentWithdrawInput },
    async (ctx) => {
      const cartella = await visibleCartella(ctx, ctx.params.id);
      const doc = await visibleDocument(ctx, cartella, ctx.params.documentId);
      const values = (ctx.body ?? {}) as Values;
      const parsed = ctx.validate(documentWithdrawInput, values);
      if (!parsed.ok)
        return documentsPage(ctx, setup, cartella, {
          status: 422,
          // The page has one reason field per document: the error goes beside this document's.
          errors: parsed.errors.map((e) => ({ ...e, field: `${e.field}-${doc.id}` })),
          form: doc.id,
          values,
        });
      await withdrawDocument(ctx, cartella, doc, parsed.data);
      return { redirect: `${ctx.url('core.cartelle.documents', { id: cartella.id })}?withdrawn=1` };
    },
  );
}
