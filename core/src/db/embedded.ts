// SPDX-License-Identifier: AGPL-3.0-or-later
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type Extension } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { StartupError } from '../kernel/errors';

/** pg_trgm and unaccent, as PGlite ships them (their type declarations are ESM-only, the code is not). */
function contribExtensions(): Record<string, Extension> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };
  const { unaccent } = require('@electric-sql/pglite/contrib/unaccent') as { unaccent: Extension };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { pg_trgm, unaccent };
}

export interface EmbeddedDatabase {
  /** A postgres:// URL the normal `pg` driver connects to (one connection at a time). */
  readonly url: string;
  /** True when this start created the data folder. */
  readonly created: boolean;
  stop(): Promise<void>;
}

const LOCK = 'sigess.lock';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data folder for this process: two processes writing one PGlite
 * folder would corrupt it, so a second one (say `sigess migrate` while the
 * server runs) is refused with a clear message.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = join(dataDir, LOCK);
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    if (pid && pid !== process.pid && processAlive(pid)) {
      throw StartupError.of('core', `the embedded database in ${dataDir} is in use by process ${pid}; stop it first`);
    }
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

/**
 * Starts PGlite (PostgreSQL compiled to WebAssembly) on a data folder, or in
 * memory when dataDir is null, behind a socket server on a free loopback port,
 * so the rest of the platform uses the ordinary `pg` driver as with a server.
 */
export async function startEmbeddedDatabase(
  dataDir: string | null,
  options: { loadDataDir?: Blob } = {},
): Promise<EmbeddedDatabase & { db: PGlite }> {
  let created = true;
  let unlock = (): void => undefined;
  if (dataDir) {
    created = !existsSync(join(dataDir, 'PG_VERSION'));
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  try {
    const db = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: contribExtensions(),
    });
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
    await server.start();
    const address = server.getServerConn();
    return {
      db,
      url: `postgres://postgres@${address}/postgres`,
      created,
      async stop() {
        await server.stop();
        await db.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
