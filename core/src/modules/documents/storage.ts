// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';

/** Where a document's bytes went: in the row, or under a key of the configured folder. */
export type Stored = { readonly storage: 'database'; readonly content: Buffer } | { readonly storage: 'folder'; readonly key: string };

/** Keeps documents' bytes; the database row is written by the service with what `put` answers. */
export interface DocumentStorage {
  readonly kind: 'database' | 'folder';
  /** Stores the bytes, inside the request's transaction `em`: nothing may stay behind if it rolls back. */
  put(em: EntityManager, ownerOrgId: string, content: Buffer): Promise<Stored>;
  /** The bytes of a stored document. */
  get(row: { storage: string; content: Buffer | null; storageKey: string | null }): Promise<Buffer | null>;
}

/** Bytes in the row's `content` column: one backup, one transaction, RLS over the bytes too. The default. */
export const databaseStorage: DocumentStorage = {
  kind: 'database',
  put: (_em, _owner, content) => Promise.resolve({ storage: 'database', content }),
  get: (row) => Promise.resolve(row.content),
};

/**
 * Bytes in files under a folder, at `<owner org>/<yyyy>/<uuid>`: the client's name never reaches the path.
 * A file is written under a temporary name and renamed, so no reader ever sees half of it; when the
 * request's transaction rolls back after the write, the file is removed, so no bytes outlive their row.
 */
export function folderStorage(folder: string): DocumentStorage {
  const root = resolve(folder);
  const pathOf = (key: string): string => {
    const path = resolve(root, key);
    // Keys are ours, but a row altered by hand must not read outside the folder.
    if (!path.startsWith(root + sep)) throw new Error(`document key outside the storage folder: ${key}`);
    return path;
  };
  return {
    kind: 'folder',
    async put(em, ownerOrgId, content) {
      const key = join(ownerOrgId, String(new Date().getUTCFullYear()), randomUUID());
      const path = pathOf(key);
      await mkdir(join(path, '..'), { recursive: true });
      const temporary = `${path}.${randomUUID()}.part`;
      try {
        await writeFile(temporary, content, { flag: 'wx' });
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      removeOnRollback(em, path);
      return { storage: 'folder', key };
    },
    async get(row) {
      return row.storageKey ? readFile(pathOf(row.storageKey)) : null;
    },
  };
}

/**
 * Removes a file if the transaction it belongs to rolls back. A transaction's EntityManager has an event
 * manager of its own (as `raise` relies on), so the subscriber sees only this transaction's end.
 */
function removeOnRollback(em: EntityManager, path: string): void {
  em.getEventManager().registerSubscriber({
    afterTransactionRollback: async () => {
      await rm(path, { force: true });
    },
  });
}

/** The storage the configuration chose. */
export function storageFor(config: { storage: 'database' | 'folder'; folder?: string | undefined }): DocumentStorage {
  return config.storage === 'folder' && config.folder ? folderStorage(config.folder) : databaseStorage;
}
