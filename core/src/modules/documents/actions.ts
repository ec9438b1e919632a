// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RouteContext, UploadedFile } from '../../sdk/routes';
import { HttpError, type FieldError } from '../../sdk/errors';
import { VirusScanPort, type VirusScanAdapter } from '../../sdk/extension-points/ports';
import { codeErrors } from '../access/code-options';
import type { Cartella } from '../cartella/cartelle';
import { actor, cartelle, isInsider } from '../cartella/actions';
import { sharing } from '../cartella/share-actions';
import { DOCUMENT_CATEGORIES } from './codes';
import { DocumentService, type CartellaDocument } from './documents';
import type { DocumentUpload, DocumentWithdraw } from './schemas';
import { DOCUMENT_TYPES, extensionAgrees, extensionOf, safeFilename, sniff, type DocumentKind } from './sniff';
import type { DocumentStorage } from './storage';

/**
 * The documents' operations as routes perform them, shared by the pages and the API: the checks of the
 * content (type from the bytes, extension, virus scan), the storage, the service call and the audit entry,
 * so both answer alike. Field problems come back as a list; conflicts are thrown as 409.
 */

export const documents = new DocumentService();

/** What the module is configured with (`documents` in the configuration). */
export interface DocumentsSetup {
  readonly storage: DocumentStorage;
  readonly maxBytes: number;
}

/** The form field carrying the file. */
export const FILE_FIELD = 'file';

export type UploadOutcome =
  | { readonly ok: true; readonly id: string }
  /** `refused`: the file itself was refused (its content, a virus) and the attempt is in the audit log. */
  | { readonly ok: false; readonly errors: readonly FieldError[]; readonly refused: boolean };

/** The documents of a cartella the request may see, audited with how many were listed and where. */
export async function listDocuments(ctx: RouteContextLike, cartella: Cartella, where: string) {
  const items = await documents.list(ctx.em, cartella.id);
  await ctx.audit({
    action: 'document.list',
    entity: 'cartella',
    entityId: cartella.id,
    details: { person: cartella.personId, results: items.length, where },
  });
  return items;
}

/** What a list needs of the request: the page slot's loader has a plain RequestCtx, not a route's. */
type RouteContextLike = Pick<RouteContext, 'em' | 'audit'>;

/**
 * The cartella whose documents the request may read: one of its own scope, or one shared with it whose
 * share opens the documents (a partner then reads, never adds or withdraws; row-level security shows it
 * only the documents marked for partners). 404 otherwise, as for a cartella it cannot see.
 */
export async function readableCartella(ctx: RouteContext, id: string | undefined): Promise<{ cartella: Cartella; partner: boolean }> {
  const found = id ? await cartellaForDocuments(ctx.em, id) : null;
  if (!found) throw HttpError.notFound();
  return found;
}

/** As `readableCartella`, null where that answers 404 (the cartella page's box). */
export async function cartellaForDocuments(em: EntityManager, id: string): Promise<{ cartella: Cartella; partner: boolean } | null> {
  const own = await cartelle.find(em, id);
  if (own) return { cartella: own, partner: false };
  const share = await sharing.liveToScope(em, id);
  const shared = share?.parts.includes('documents') ? await cartelle.findShared(em, id) : null;
  return shared ? { cartella: shared, partner: true } : null;
}

/** A document of the cartella the request may see and that is not withdrawn, or 404. */
export async function visibleDocument(ctx: RouteContext, cartella: Cartella, id: string | undefined) {
  const doc = id ? await documents.find(ctx.em, cartella.id, id) : null;
  if (!doc || doc.withdrawn) throw HttpError.notFound();
  return doc;
}

/** The scan's verdict, or why the file is refused. Core's own adapter makes no scan and says so: never "clean". */
async function scan(
  ctx: RouteContext,
  content: Buffer,
): Promise<{ status: 'clean' | 'not-scanned'; engine: string | null } | { infected: string } | { failed: true }> {
  const adapter: VirusScanAdapter = ctx.extensions.port(VirusScanPort);
  try {
    const verdict = await adapter.scan(content);
    if (verdict.status === 'infected') return { infected: verdict.signature };
    return { status: verdict.status, engine: verdict.status === 'clean' ? adapter.id : null };
  } catch (error) {
    // A scanner that cannot answer lets nothing through: the operator tries again later.
    ctx.log.error({ err: error, adapter: adapter.id }, 'virus scan failed');
    return { failed: true };
  }
}

async function refuse(
  ctx: RouteContext,
  cartella: Cartella,
  file: UploadedFile,
  reason: string,
  message: string,
  extra: Record<string, string> = {},
): Promise<UploadOutcome> {
  await ctx.audit({
    action: 'document.upload-refused',
    entity: 'cartella',
    entityId: cartella.id,
    details: { reason, size: file.size, declaredType: file.contentType.slice(0, 100), ...extra },
  });
  return { ok: false, refused: true, errors: [{ field: FILE_FIELD, message }] };
}

/**
 * Adds a document to a cartella that is not closed: the form's fields (checked), then the file, whose type
 * is told from its bytes and must agree with its name, then the virus scan; stored and audited.
 */
export async function uploadDocument(
  ctx: RouteContext,
  setup: DocumentsSetup,
  cartella: Cartella,
  input: DocumentUpload,
  file: UploadedFile | undefined,
): Promise<UploadOutcome> {
  if (cartella.state === 'closed') throw HttpError.conflict('core:documents.errors.closed');
  const errors: FieldError[] = [...codeErrors(ctx, [{ field: 'category', list: DOCUMENT_CATEGORIES, value: input.category }])];
  if (input.confidentiality === 'team' && !(await isInsider(ctx, cartella.id)))
    errors.push({ field: 'confidentiality', message: ctx.t('core:documents.errors.teamOnly') });
  if (!file || file.size === 0) errors.push({ field: FILE_FIELD, message: ctx.t('core:documents.errors.file') });
  if (errors.length || !file) return { ok: false, errors, refused: false };

  const kind: DocumentKind | null = sniff(file.content);
  if (!kind) return refuse(ctx, cartella, file, 'type', ctx.t('core:documents.errors.type'));
  if (!extensionAgrees(file.filename, kind))
    return refuse(
      ctx,
      cartella,
      file,
      'extension',
      ctx.t('core:documents.errors.extension', { extension: extensionOf(file.filename), detected: DOCUMENT_TYPES[kind].extensions[0] }),
      { detected: kind },
    );
  const verdict = await scan(ctx, file.content);
  if ('infected' in verdict)
    return refuse(ctx, cartella, file, 'infected', ctx.t('core:documents.errors.infected', { signature: verdict.infected }), {
      signature: verdict.infected.slice(0, 200),
    });
  if ('failed' in verdict) return refuse(ctx, cartella, file, 'scan-failed', ctx.t('core:documents.errors.scanFailed'));

  const stored = await setup.storage.put(ctx.em, cartella.ownerOrgId, file.content);
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  const id = await documents.add(
    ctx.em,
    cartella,
    {
      ...input,
      filename: safeFilename(file.filename, kind),
      mediaType: DOCUMENT_TYPES[kind].mediaType,
      sizeBytes: file.size,
      sha256,
      stored,
      scanStatus: verdict.status,
      scanEngine: verdict.engine,
    },
    actor(ctx).operatorId,
  );
  await ctx.audit({
    action: 'document.upload',
    entity: 'document',
    entityId: id,
    details: {
      cartella: cartella.id,
      person: cartella.personId,
      category: input.category,
      confidentiality: input.confidentiality,
      mediaType: DOCUMENT_TYPES[kind].mediaType,
      size: file.size,
      scan: verdict.status,
    },
  });
  return { ok: true, id };
}

/** The bytes of a document as a download: audited, served with the detected type under a safe name. */
export async function downloadDocument(ctx: RouteContext, setup: DocumentsSetup, cartella: Cartella, id: string | undefined) {
  const doc = await visibleDocument(ctx, cartella, id);
  const content = doc.storage === 'database' ? doc.content : await setup.storage.get(doc);
  // Bytes purged by the retention procedure, or a folder that lost them: nothing to give.
  if (!content) throw HttpError.notFound();
  await ctx.audit({
    action: 'document.download',
    entity: 'document',
    entityId: doc.id,
    details: { cartella: cartella.id, person: cartella.personId, size: content.length },
  });
  const kind = (Object.keys(DOCUMENT_TYPES) as DocumentKind[]).find((k) => DOCUMENT_TYPES[k].mediaType === doc.mediaType) ?? 'text';
  return { download: { filename: safeFilename(doc.filename, kind), contentType: doc.mediaType, body: new Uint8Array(content) } };
}

/** Withdraws a document (checked input): it leaves the lists, the row stays with who withdrew it and why. */
export async function withdrawDocument(ctx: RouteContext, cartella: Cartella, doc: CartellaDocument, input: DocumentWithdraw) {
  if (!(await documents.withdraw(ctx.em, doc.id, input.reason, actor(ctx).operatorId))) throw HttpError.notFound();
  await ctx.audit({
    action: 'document.withdraw',
    entity: 'document',
    entityId: doc.id,
    details: { cartella: cartella.id, person: cartella.personId },
  });
}
