// SPDX-License-Identifier: AGPL-3.0-or-later
'use strict';
/**
 * Bulk loading with COPY … FROM STDIN in PostgreSQL's text format, and a multi-row INSERT fallback for
 * servers that cannot take COPY (see bench/README.md on PGlite).
 */
const { from: copyFrom } = require('pg-copy-streams');
const { pipeline } = require('node:stream/promises');
const { Readable } = require('node:stream');

/** One value in COPY text format: \N for null, backslash escapes for the separators. @param {unknown} v */
function field(v) {
  if (v === null || v === undefined) return '\\N';
  const s = String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}

/** Lines of COPY text in chunks of about 1 MB, so a large batch is never one huge string. */
function* chunks(rows, onRows) {
  let buffer = '';
  let count = 0;
  for (const row of rows) {
    buffer += `${row.map(field).join('\t')}\n`;
    count += 1;
    if (buffer.length > 1 << 20) {
      yield buffer;
      onRows(count);
      buffer = '';
      count = 0;
    }
  }
  if (buffer) yield buffer;
  if (count) onRows(count);
}

/**
 * Loads rows into core.<table> through COPY on the given client.
 * @param {import('pg').Client} client @param {string} table @param {string[]} columns @param {unknown[][]} rows
 * @param {(n: number) => void} onRows progress callback
 */
async function copyRows(client, table, columns, rows, onRows) {
  if (rows.length === 0) return;
  const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
  await pipeline(Readable.from(chunks(rows, onRows)), stream);
}

/** The same with multi-row INSERTs of 500 rows (parameters as text, cast by the column types). */
async function insertRows(client, table, columns, rows, onRows) {
  for (let start = 0; start < rows.length; start += 500) {
    const slice = rows.slice(start, start + 500);
    const params = [];
    const tuples = slice.map((row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`);
    await client.query(`insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`, params);
    onRows(slice.length);
  }
}

module.exports = { copyRows, insertRows, field };
