// SPDX-License-Identifier: AGPL-3.0-or-later
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';

/** A failure of the export's file itself (disk full, folder not writable), as opposed to the flow's. */
export class ExportFileError extends Error {
  constructor(cause: unknown) {
    super(`export file: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ExportFileError';
  }
}

const fileOp = async <R>(work: () => Promise<R>): Promise<R> => {
  try {
    return await work();
  } catch (error) {
    throw new ExportFileError(error);
  }
};

/** The bytes held before they are written: small chunks (one record each) go to the disk in blocks. */
const BLOCK_BYTES = 256 * 1024;

/**
 * Writes a run's chunks to its file from a given length on, in blocks. `sync` writes what it holds and
 * flushes the file to the disk: what a checkpoint records is then on the disk, `length` bytes of it.
 * `guard` runs before every write to the disk: it throws when this worker may no longer write the file
 * (its lease on the run ran out and another worker took it over), so a worker that was stalled for
 * longer than its lease never writes over the one that took its place.
 *
 * Chunks are encoded straight into one block allocated once per writer, never copied into a buffer each
 * and joined: a run of a million records then allocates no memory per chunk beyond the flow's own string.
 */
export class ChunkWriter {
  private readonly block = Buffer.allocUnsafe(BLOCK_BYTES);
  private heldBytes = 0;

  constructor(
    private readonly handle: FileHandle,
    private written: number,
    private readonly guard: () => Promise<void>,
  ) {}

  /** The file's length once what is held is written. */
  get length(): number {
    return this.written + this.heldBytes;
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    const size = typeof chunk === 'string' ? Buffer.byteLength(chunk, 'utf8') : chunk.byteLength;
    if (!size) return;
    if (this.heldBytes + size > BLOCK_BYTES) await this.flush();
    if (size > BLOCK_BYTES) {
      // Larger than a block: written as it is (a flow may reuse its buffer once the write returns).
      await this.writeOut(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
      return;
    }
    if (typeof chunk === 'string') this.block.write(chunk, this.heldBytes, 'utf8');
    else this.block.set(chunk, this.heldBytes);
    this.heldBytes += size;
  }

  /** Writes what is held at the end of what was written. */
  async flush(): Promise<void> {
    if (!this.heldBytes) return;
    const held = this.heldBytes;
    await this.writeOut(this.block.subarray(0, held));
    this.heldBytes = 0;
  }

  /** Everything yielded so far is on the disk. */
  async sync(): Promise<void> {
    await this.flush();
    await fileOp(() => this.handle.datasync());
  }

  private async writeOut(bytes: Uint8Array): Promise<void> {
    await this.guard();
    await fileOp(async () => {
      let offset = 0;
      while (offset < bytes.length) {
        const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset, this.written + offset);
        offset += bytesWritten;
      }
    });
    this.written += bytes.length;
  }
}

/**
 * The installation's export files: `<organization id>/<run id>.<format>` under one folder (by default
 * `<dataDir>/exports`), never served as static files; only the authorized download reads them.
 */
export class ExportFiles {
  private readonly root: string;

  constructor(folder: string) {
    this.root = resolve(folder);
  }

  /** A key's path; a key is ours, but one altered in the database must not reach outside the folder. */
  pathOf(key: string): string {
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new ExportFileError(`key outside the exports folder: ${key}`);
    return path;
  }

  /**
   * Opens a run's file to write from `length` on: cut back to it, so that whatever an interrupted attempt
   * wrote after its last checkpoint is gone. `resumed` is false when the file is shorter than `length`
   * (it was lost): it is then empty, and the run starts again from the beginning.
   */
  async openAt(
    key: string,
    length: number,
    guard: () => Promise<void>,
  ): Promise<{ writer: ChunkWriter; close: () => Promise<void>; resumed: boolean }> {
    const path = this.pathOf(key);
    return fileOp(async () => {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      let handle: FileHandle;
      try {
        handle = await open(path, 'r+');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        handle = await open(path, 'w+', 0o600);
      }
      try {
        const size = (await handle.stat()).size;
        const resumed = size >= length;
        const start = resumed ? length : 0;
        await handle.truncate(start);
        await handle.datasync();
        return { writer: new ChunkWriter(handle, start, guard), close: () => handle.close(), resumed };
      } catch (error) {
        await handle.close();
        throw error;
      }
    });
  }

  /** A finished file's size, or null when it is not there. */
  async size(key: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(key))).size;
    } catch {
      return null;
    }
  }

  /** A finished file, read as it is sent. */
  stream(key: string): ReadStream {
    return createReadStream(this.pathOf(key));
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
