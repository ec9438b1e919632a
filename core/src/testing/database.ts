// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Database } from '../platform';

/** The server tests use, when one is configured; otherwise PGlite. */
export function testServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

/**
 * A database of its own for one test file: a fresh database on the
 * configured PostgreSQL server (dropped afterwards), or a fresh in-memory
 * PGlite when no server is configured.
 */
export async function createTestDatabase(): Promise<Database & { kind: 'postgres' | 'pglite' }> {
  const serverUrl = testServerUrl();
  if (!serverUrl) return startEmbeddedInChild();
  const name = `sigess_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    url: url.toString(),
    embedded: null,
    singleConnection: false,
    async stop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** An in-memory PGlite in a child process (jest's sandbox cannot load PGlite's WebAssembly). */
async function startEmbeddedInChild(): Promise<Database & { kind: 'pglite' }> {
  const script = join(__dirname, '..', '..', 'bin', 'embedded-database.js');
  const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`embedded database exited (${code}): ${stderr}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    kind: 'pglite',
    url,
    embedded: null,
    singleConnection: true,
    async stop() {
      child.stdin.end();
      await exited;
    },
  };
}
