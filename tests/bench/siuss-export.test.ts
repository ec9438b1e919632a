// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Smoke run of the SIUSS export benchmark (bench/siuss-export.js) on 300 records in a fresh database: it seeds,
 * exports through core's runner twice (as npm start runs the server, and with V8 defaults) and the baseline, and prints figures; the file it
 * measured is INPS's format (valid against the official XSD), holds every seeded record once and leaves out the
 * incomplete ones. Needs a PostgreSQL server (TEST_DATABASE_URL): the benchmark holds several connections at
 * once, which the embedded database does not serve.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase } from '../../core/src/testing';
import { validateAgainstXsd } from '../../plugins/siuss/test/xsd';

const BENCH = join(__dirname, '..', '..', 'bench', 'siuss-export.js');
const run = promisify(execFile);
const RECORDS = 300;

interface Run {
  seconds: number;
  peakRss: number;
  written: number;
  prestazioni: number;
  beneficiari: number;
  bytes: number;
}

const onServer = process.env.TEST_DATABASE_URL ? describe : describe.skip;

onServer('bench:siuss (smoke)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let figures: {
    records: number;
    asStarted: Run;
    defaults: Run;
    flags: string[];
    baseline: { rows: number; seconds: number };
    ok: Record<string, boolean>;
  };
  const folder = mkdtempSync(join(tmpdir(), 'sigess-bench-siuss-'));
  const file = join(folder, 'SIUSS-PS.xml');

  beforeAll(async () => {
    db = await createTestDatabase();
    const { stdout } = await run(
      process.execPath,
      [BENCH, '--records', String(RECORDS), '--database-url', db.url, '--in-place', '--keep', file, '--json'],
      { maxBuffer: 1 << 24 },
    );
    figures = JSON.parse(stdout.trim().split('\n').pop()!);
  }, 180_000);

  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await db?.stop();
  });

  it('prints time and memory for both runs and the baseline, each positive', () => {
    for (const r of [figures.asStarted, figures.defaults]) {
      expect(r.seconds).toBeGreaterThan(0);
      expect(r.peakRss).toBeGreaterThan(50 * 2 ** 20);
      expect(r.bytes).toBeGreaterThan(RECORDS * 500);
    }
    expect(figures.baseline.rows).toBe(RECORDS);
    expect(figures.ok.count).toBe(true);
    // The first run is the server as `npm start` starts it: with the heap size its script sets.
    expect(figures.flags).toEqual([expect.stringMatching(/^--max-old-space-size=\d+$/)]);
  });

  it('exports every complete seeded record once, grouped by person, and none of the incomplete ones', () => {
    for (const r of [figures.asStarted, figures.defaults]) {
      expect(r.written).toBe(RECORDS);
      expect(r.prestazioni).toBe(RECORDS);
      // Two or three prestazioni per person: 300 records are 120 people.
      expect(r.beneficiari).toBe(Math.ceil((RECORDS * 2) / 5));
    }
  });

  it('writes a file valid against INPS’s XSD, with distinct people', async () => {
    const xml = readFileSync(file, 'utf8');
    expect(await validateAgainstXsd(xml, 'PS_PSA_SINA')).toEqual([]);
    const codes = [...xml.matchAll(/<Beneficiario CodiceFiscale="([A-Z0-9]{16})"/g)].map((m) => m[1]);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toHaveLength(figures.asStarted.beneficiari);
  });
});
