// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { testServerUrl } from '../../core/src/testing';

/**
 * A tiny run of every benchmark figure (100 people, 1 s loads, a few lookups), so the bench scripts
 * cannot rot: each figure must come back with numbers. The figures themselves are `npm run bench`.
 */

interface Stat {
  readonly total: number;
  readonly rps: number;
  readonly p99: number;
  readonly errors: number;
}
interface Figures {
  readonly people: number;
  readonly search: Record<string, { core: number[]; route: number[]; floor: number[] }>;
  readonly dedup: Record<string, { core: number[]; found: number }>;
  readonly cartella: { html: Stat; json: Stat; memory: { rss: number; peakRss: number } };
  readonly baseline: { baseline: Stat; memory: { rss: number } };
  readonly fencesOff: { cartella: { html: Stat; json: Stat }; search: Record<string, { route: number[] }> };
  readonly startup: { name: string; median: number }[];
}
type RunBench = (options: Record<string, unknown>, print: (text: string) => void) => Promise<Figures>;

// bench/ is plain CommonJS, run by node without a build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runBench } = require('../../bench/run.js') as { runBench: RunBench };

const server = testServerUrl();
const name = `sigess_bench_smoke_${process.pid}_${randomBytes(3).toString('hex')}`;
const dataDir = server ? null : mkdtempSync(join(tmpdir(), 'sigess-bench-smoke-'));
const databaseUrl = server ? Object.assign(new URL(server), { pathname: `/${name}` }).toString() : null;

afterAll(async () => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (!server) return;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
});

const finite = (values: number[]): boolean => values.length > 0 && values.every((v) => Number.isFinite(v) && v >= 0);

test('every figure runs on 100 people and produces numbers', async () => {
  const printed: string[] = [];
  const figures = await runBench(
    {
      people: 100,
      pglite: !server,
      databaseUrl,
      dataDir,
      only: null,
      duration: 1,
      iterations: 5,
      connections: 2,
      quiet: true,
      startupRuns: 1,
      startupEmbedded: false,
    },
    (text) => printed.push(text),
  );
  const output = printed.join('\n');
  expect(output).toMatch(/machine: \d+ cores/);
  expect(figures.people).toBeGreaterThanOrEqual(100);
  for (const kind of ['cf', 'prefix', 'fuzzy']) {
    expect(finite(figures.search[kind]!.core)).toBe(true);
    expect(finite(figures.search[kind]!.floor)).toBe(true);
    expect(finite(figures.fencesOff.search[kind]!.route)).toBe(true);
  }
  expect(finite(figures.dedup['near-duplicate']!.core)).toBe(true);
  expect(finite(figures.dedup.fresh!.core)).toBe(true);
  // The page answered under load, signed in (a 302 to the login page would count as errors).
  for (const stat of [figures.cartella.html, figures.cartella.json, figures.baseline.baseline, figures.fencesOff.cartella.html]) {
    expect(stat.total).toBeGreaterThan(0);
    expect(stat.errors).toBe(0);
  }
  expect(figures.cartella.memory.rss).toBeGreaterThan(0);
  expect(figures.startup.length).toBeGreaterThan(0);
  expect(figures.startup.every((r) => r.median > 0)).toBe(true);
  expect(output).toContain('Cost of the fences');
}, 180_000);
