// SPDX-License-Identifier: AGPL-3.0-or-later
import { parse } from 'csv-parse/sync';
import { validateProvisionalCode } from '../identity-codes';

/**
 * The import file: a CSV whose Italian column names map to the fields of a person's input (`personInput`),
 * as spreadsheets export it (`;` or `,`, UTF-8 with or without BOM, quoted fields). This module reads the
 * file and turns each row into the input the registration form would send; `personInput` then checks it.
 */

/** At most this many people per file, and this many bytes: what an operator reviews in one sitting. */
export const MAX_ROWS = 5000;
export const MAX_BYTES = 2 * 1024 * 1024;

/**
 * What browsers and operating systems declare for a CSV file: Windows says `application/vnd.ms-excel` when
 * a spreadsheet program is installed. The content is checked too (UTF-8 text, a known header).
 */
export const CSV_CONTENT_TYPES = [
  'text/csv',
  'text/plain',
  'application/csv',
  'text/x-csv',
  'text/comma-separated-values',
  'application/vnd.ms-excel',
];

type ContactKind = 'phone' | 'mobile' | 'email' | 'pec';

/** One column of the template: its header and where its value goes in the person's input (a dotted path). */
interface Column {
  readonly header: string;
  readonly field: string;
  readonly contact?: ContactKind;
  readonly required?: boolean;
}

/** The template's columns, in its order. Only `cognome` and `nome` must be present; any other may be left out. */
export const COLUMNS: readonly Column[] = [
  { header: 'tipo_identita', field: 'identityKind' },
  { header: 'codice_fiscale', field: 'codiceFiscale' },
  { header: 'codice_provvisorio', field: 'provisionalCode' },
  { header: 'cognome', field: 'surname', required: true },
  { header: 'nome', field: 'name', required: true },
  { header: 'sesso', field: 'sex' },
  { header: 'data_nascita', field: 'birthDate' },
  { header: 'comune_nascita', field: 'birthPlaceCode' },
  { header: 'stato_nascita', field: 'birthPlaceCode' },
  { header: 'cittadinanza', field: 'citizenships' },
  { header: 'indirizzo_residenza', field: 'residence.street' },
  { header: 'civico_residenza', field: 'residence.houseNumber' },
  { header: 'cap_residenza', field: 'residence.postcode' },
  { header: 'comune_residenza', field: 'residence.comuneCode' },
  { header: 'senza_fissa_dimora', field: 'residence.noFixedAbode' },
  { header: 'indirizzo_domicilio', field: 'domicile.street' },
  { header: 'civico_domicilio', field: 'domicile.houseNumber' },
  { header: 'cap_domicilio', field: 'domicile.postcode' },
  { header: 'comune_domicilio', field: 'domicile.comuneCode' },
  { header: 'telefono', field: 'contacts', contact: 'phone' },
  { header: 'cellulare', field: 'contacts', contact: 'mobile' },
  { header: 'email', field: 'contacts', contact: 'email' },
  { header: 'pec', field: 'contacts', contact: 'pec' },
  { header: 'note_condizione_giuridica', field: 'legalStatusNotes' },
  { header: 'data_decesso', field: 'deceasedDate' },
];

const BY_HEADER = new Map(COLUMNS.map((c) => [c.header, c]));

/** The template: the header line alone, `;`-separated with a BOM, as Italian spreadsheets open and save it. */
export function templateCsv(): string {
  return `\uFEFF${COLUMNS.map((c) => c.header).join(';')}\r\n`;
}

/** Why a file cannot be read at all: an i18n key of `core:peopleImport.file` and its values. */
export interface FileProblem {
  readonly key: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

/** One data row: its number as a spreadsheet shows it (the header is row 1) and its cells by column. */
export interface FileRow {
  readonly row: number;
  readonly cells: Readonly<Record<string, string>>;
}

export type ReadResult =
  { readonly ok: true; readonly rows: readonly FileRow[] } | { readonly ok: false; readonly problems: readonly FileProblem[] };

/** `Codice Fiscale`, `codice-fiscale`, ` CODICE_FISCALE ` all name `codice_fiscale`; `tipo_identità` names `tipo_identita`. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** The delimiter is the one of `;`, `,` and tab that the header line uses most (outside quotes). */
function delimiterOf(text: string): string {
  const line = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const unquoted = line.replace(/"[^"]*"/g, '');
  const counts = [';', ',', '\t'].map((d) => [d, unquoted.split(d).length - 1] as const);
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ';';
}

/** Reads a file into rows by column, or says why it cannot: not UTF-8 text, unknown or missing columns, too many rows. */
export function readCsv(content: Uint8Array): ReadResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    // Legacy spreadsheets save Windows-1252; decoding it as UTF-8 would garble every accented name.
    return { ok: false, problems: [{ key: 'core:peopleImport.file.encoding' }] };
  }
  // A NUL never occurs in text: a spreadsheet's own format (xlsx, ods) renamed .csv.
  if (text.includes('\u0000')) return { ok: false, problems: [{ key: 'core:peopleImport.file.notText' }] };
  let records: string[][];
  try {
    records = parse(text, { delimiter: delimiterOf(text), bom: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    return { ok: false, problems: [{ key: 'core:peopleImport.file.syntax', values: { line: typeof line === 'number' ? line : '?' } }] };
  }
  const [header, ...data] = records;
  if (!header || header.every((h) => h === '')) return { ok: false, problems: [{ key: 'core:peopleImport.file.empty' }] };

  const headers = header.map(normalizeHeader);
  const problems: FileProblem[] = [];
  const unknown = header.filter((h, i) => headers[i] !== '' && !BY_HEADER.has(headers[i]!));
  if (unknown.length)
    problems.push({ key: 'core:peopleImport.file.unknownColumns', values: { columns: unknown.join(', '), count: unknown.length } });
  const repeated = [...new Set(headers.filter((h, i) => h !== '' && headers.indexOf(h) !== i))];
  if (repeated.length) problems.push({ key: 'core:peopleImport.file.repeatedColumns', values: { columns: repeated.join(', ') } });
  const missing = COLUMNS.filter((c) => c.required && !headers.includes(c.header)).map((c) => c.header);
  if (missing.length)
    problems.push({ key: 'core:peopleImport.file.missingColumns', values: { columns: missing.join(', '), count: missing.length } });

  const rows: FileRow[] = [];
  data.forEach((record, index) => {
    // Blank rows (a spreadsheet's `;;;;`) are not people; they still count in the numbering, as in the spreadsheet.
    if (record.every((cell) => cell === '')) return;
    const row = index + 2;
    const extra = record.slice(headers.length).filter((cell) => cell !== '');
    if (extra.length) problems.push({ key: 'core:peopleImport.file.extraCells', values: { row, count: headers.length } });
    const cells: Record<string, string> = {};
    headers.forEach((h, i) => {
      if (h !== '' && record[i] !== undefined && record[i] !== '') cells[h] = record[i]!;
    });
    rows.push({ row, cells });
  });
  if (!problems.length && !rows.length) problems.push({ key: 'core:peopleImport.file.noRows' });
  if (rows.length > MAX_ROWS) problems.push({ key: 'core:peopleImport.file.tooManyRows', values: { count: rows.length, max: MAX_ROWS } });
  // A handful is enough to fix a file; a thousand "row N" messages would hide the first one.
  return problems.length ? { ok: false, problems: problems.slice(0, 20) } : { ok: true, rows };
}

/** A row's problem found while mapping it, before `personInput` checks it: an i18n key of `core:peopleImport.cell`. */
export interface CellProblem {
  readonly field: string;
  readonly column: string;
  readonly key: string;
}

/** A row turned into a person's input, with where each input field came from (to name the column of an error). */
export interface MappedRow {
  readonly values: Record<string, unknown>;
  readonly columns: ReadonlyMap<string, string>;
  readonly problems: readonly CellProblem[];
}

/** `DD/MM/YYYY` (or with `-` or `.`), as Italian spreadsheets write dates, to `YYYY-MM-DD`; anything else unchanged. */
export function isoDate(value: string): string {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : value;
}

const YES = new Set(['si', 'sì', 's', 'x', '1', 'true', 'vero', 'yes', 'y']);
const NO = new Set(['no', 'n', '0', 'false', 'falso']);

/** Turns a row's cells into the input the registration form would send. */
export function mapRow(cells: Readonly<Record<string, string>>): MappedRow {
  const values: Record<string, unknown> = {};
  const columns = new Map<string, string>();
  const problems: CellProblem[] = [];
  const contacts: { kind: ContactKind; value: string }[] = [];
  const set = (path: string, value: unknown, header: string): void => {
    const [head, tail] = path.split('.') as [string, string | undefined];
    if (tail) ((values[head] ??= {}) as Record<string, unknown>)[tail] = value;
    else values[head] = value;
    columns.set(path, header);
  };
  for (const column of COLUMNS) {
    const cell = cells[column.header];
    if (cell === undefined) continue;
    if (column.contact) {
      columns.set(`contacts.${contacts.length}`, column.header);
      contacts.push({ kind: column.contact, value: cell });
    } else if (column.field === 'birthDate' || column.field === 'deceasedDate') {
      set(column.field, isoDate(cell), column.header);
    } else if (column.field.endsWith('.noFixedAbode')) {
      const answer = cell.toLowerCase();
      if (YES.has(answer)) set(column.field, true, column.header);
      else if (!NO.has(answer)) problems.push({ field: column.field, column: column.header, key: 'core:peopleImport.cell.yesNo' });
    } else if (column.field === 'identityKind') {
      set(column.field, cell.toLowerCase(), column.header);
    } else if (column.field !== 'birthPlaceCode') {
      set(column.field, cell, column.header);
    }
  }
  if (contacts.length) values.contacts = contacts;

  // Born in Italy: the comune's cadastral code; abroad: the state's (Z…). One place, in the column that says which.
  const comune = cells.comune_nascita?.toUpperCase();
  const state = cells.stato_nascita?.toUpperCase();
  if (comune && state) problems.push({ field: 'birthPlaceCode', column: 'stato_nascita', key: 'core:peopleImport.cell.twoPlaces' });
  else if (comune?.startsWith('Z'))
    problems.push({ field: 'birthPlaceCode', column: 'comune_nascita', key: 'core:peopleImport.cell.stateAsComune' });
  else if (state && !state.startsWith('Z'))
    problems.push({ field: 'birthPlaceCode', column: 'stato_nascita', key: 'core:peopleImport.cell.comuneAsState' });
  if (comune || state) set('birthPlaceCode', comune ?? state, comune ? 'comune_nascita' : 'stato_nascita');

  // Left blank, the kind of identity is what the codes say: a codice fiscale, or the provisional code's own shape.
  if (values.identityKind === undefined) {
    if (values.codiceFiscale === undefined && typeof values.provisionalCode === 'string') {
      const kind = validateProvisionalCode(values.provisionalCode).kind;
      if (kind) values.identityKind = kind;
    }
  }
  return { values, columns, problems };
}

/** The template's column of each input field (the first, where two feed one field). */
const BY_FIELD = new Map([...COLUMNS].reverse().map((c) => [c.field, c.header]));

/**
 * The column an input field came from: `residence.postcode` → `cap_residenza`, `contacts.1.value` →
 * `cellulare`; for a field the row left blank, the template's column for it. Null for a whole group.
 */
export function columnOf(field: string, columns: ReadonlyMap<string, string>): string | null {
  const parts = field.split('.');
  for (const source of [columns, BY_FIELD]) {
    for (let n = parts.length; n > 0; n--) {
      const found = source.get(parts.slice(0, n).join('.'));
      if (found) return found;
    }
  }
  return null;
}
