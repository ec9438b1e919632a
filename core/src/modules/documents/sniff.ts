// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * What a file is, told from its bytes alone, for the few types a cartella accepts. Our own because the
 * libraries fall short here (docs/documents.md): `file-type` is ESM-only, and `magic-bytes.js` cannot tell
 * a Word or OpenDocument file from any ZIP. It covers exactly the accepted types and nothing else: anything
 * it does not recognise is refused, so an unknown format is never let through.
 */

export interface DocumentType {
  /** The media type the download is served with. */
  readonly mediaType: string;
  /** The file name extensions this type goes by, the first the canonical one. */
  readonly extensions: readonly string[];
}

export const DOCUMENT_TYPES = {
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'] },
  png: { mediaType: 'image/png', extensions: ['png'] },
  jpeg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jpe'] },
  tiff: { mediaType: 'image/tiff', extensions: ['tif', 'tiff'] },
  odt: { mediaType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  ods: { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'] },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  text: { mediaType: 'text/plain; charset=utf-8', extensions: ['txt', 'text', 'csv'] },
} as const satisfies Record<string, DocumentType>;

export type DocumentKind = keyof typeof DOCUMENT_TYPES;

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0): boolean =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

const ascii = (bytes: Uint8Array, from: number, length: number): string =>
  Buffer.from(bytes.subarray(from, from + length)).toString('latin1');

/** The names of a ZIP archive's entries, from its central directory; null when it is no well-formed ZIP. */
export function zipEntries(bytes: Uint8Array): string[] | null {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65535, at the very end.
  const lowest = Math.max(0, view.length - 22 - 0xffff);
  let end = -1;
  for (let i = view.length - 22; i >= lowest; i--) {
    if (view.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = view.readUInt16LE(end + 10);
  let offset = view.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (offset + 46 > view.length || view.readUInt32LE(offset) !== 0x02014b50) return null;
    const nameLength = view.readUInt16LE(offset + 28);
    const extraLength = view.readUInt16LE(offset + 30);
    const commentLength = view.readUInt16LE(offset + 32);
    if (offset + 46 + nameLength > view.length) return null;
    names.push(view.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/**
 * An OpenDocument file starts with its `mimetype` entry, stored uncompressed, whose content is the
 * media type (ODF 1.2, part 3, §3.3): so the type can be read at a fixed place of the first local header.
 */
function openDocument(bytes: Uint8Array): DocumentKind | null {
  if (bytes.length < 38 || ascii(bytes, 30, 8) !== 'mimetype') return null;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const extra = view.readUInt16LE(28);
  const declared = ascii(bytes, 38 + extra, 60);
  if (declared.startsWith(DOCUMENT_TYPES.ods.mediaType)) return 'ods';
  if (declared.startsWith(DOCUMENT_TYPES.odt.mediaType) && !declared.startsWith(`${DOCUMENT_TYPES.odt.mediaType}-`)) return 'odt';
  return null;
}

/** An Office Open XML package names its parts in `[Content_Types].xml`; the main part's folder tells the application. */
function officeOpenXml(names: readonly string[]): DocumentKind | null {
  if (!names.includes('[Content_Types].xml')) return null;
  if (names.includes('word/document.xml')) return 'docx';
  if (names.includes('xl/workbook.xml')) return 'xlsx';
  return null;
}

/** Markup a browser would render or run, should the file ever be opened in one: not plain text for a cartella. */
const MARKUP = /^\s*<(?:!doctype\s+html|html|head|body|script|svg|iframe|\?xml)\b/i;

/** UTF-8 text without control characters other than tab, line and page breaks, and not markup. */
function plainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return false;
  return !MARKUP.test(text.replace(/^\uFEFF/, ''));
}

/** The type of a file among those accepted, from its content; null for anything else (an executable, HTML, a plain ZIP…). */
export function sniff(bytes: Uint8Array): DocumentKind | null {
  if (bytes.length === 0) return null;
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntries(bytes);
    if (!names) return null;
    return openDocument(bytes) ?? officeOpenXml(names);
  }
  return plainText(bytes) ? 'text' : null;
}

/** The extension of a client's file name, lower case; '' when it has none. */
export function extensionOf(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** Whether a file name's extension (if it has one) says the type its content has. */
export function extensionAgrees(filename: string, kind: DocumentKind): boolean {
  const extension = extensionOf(filename);
  return extension === '' || (DOCUMENT_TYPES[kind].extensions as readonly string[]).includes(extension);
}

/**
 * The name a download is offered under: the client's name without folders, control characters or
 * characters file systems refuse, with the type's extension when it lacks one.
 */
export function safeFilename(filename: string, kind: DocumentKind): string {
  const base = (filename.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 200);
  const name = base || 'documento';
  return extensionOf(name) ? name : `${name}.${DOCUMENT_TYPES[kind].extensions[0]}`;
}

/** The content types a browser may declare for the accepted files; the content is what decides. */
export const DECLARED_TYPES: readonly string[] = [
  ...new Set([
    ...Object.values(DOCUMENT_TYPES).map((t) => t.mediaType.split(';')[0]!),
    'image/jpg',
    'image/pjpeg',
    'text/csv',
    'application/vnd.ms-excel',
    'application/octet-stream',
    'application/x-pdf',
  ]),
];
