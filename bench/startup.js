#!/usr/bin/env node
// SPDX-License-Identifier: AGPL-3.0-or-later
'use strict';
/**
 * Start-up time of `sigess start`, from process spawn to the first 200 on
 * `/`, on the embedded database (first start on an empty folder, then a
 * start that reuses it) and, with DATABASE_URL, on a PostgreSQL server.
 * Baseline in the same run: a bare Koa + pg process answering one query,
 * the floor this machine sets.
 * Usage: node bench/startup.js [--runs N]; bench/run.js calls `measureStartup` (figure 4).
 */
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir, cpus, totalmem } = require('node:os');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'core', 'bin', 'sigess.js');

/** Spawns a server, waits for the first 200 on `/`, stops it; returns milliseconds to that answer. */
async function timeToFirstAnswer(args, env) {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', PORT: '0', ...env } });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /(?:running at|listening on) (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]);
      }, 5);
      exited.then(() => reject(new Error(`exited early: ${output}`)));
      setTimeout(() => reject(new Error(`no answer in 60 s: ${output}`)), 60_000).unref();
      exited.finally(() => clearInterval(timer));
      setTimeout(() => clearInterval(timer), 60_000).unref();
    });
    const res = await fetch(url);
    if (res.status !== 200) throw new Error(`status ${res.status}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  } finally {
    child.kill('SIGINT');
    await exited;
  }
}

const BASELINE = `
  const Koa = require('koa'); const { Pool } = require('pg');
  const pool = new Pool({ connectionString: process.env.BASE_URL, max: 1 });
  const app = new Koa();
  app.use(async (ctx) => { const r = await pool.query('select 1 as one'); ctx.body = r.rows; });
  const s = app.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + s.address().port + '/'));
  process.on('SIGINT', () => { s.close(); pool.end().then(() => process.exit(0)); });
`;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Runs every start-up measure `runs` times; `server` is a migrated PostgreSQL database to also start on
 * (and to measure the bare Koa + pg baseline against). Returns one row per measure, in milliseconds.
 */
async function measureStartup({ runs = 3, server = null, embedded = true } = {}) {
  require(join(ROOT, 'core', 'bin', 'build.js')).ensureBuilt();
  const rows = [];
  const measure = async (name, fn) => {
    const times = [];
    for (let i = 0; i < runs; i += 1) times.push(await fn(i));
    rows.push({ name, median: median(times), min: Math.min(...times), max: Math.max(...times) });
  };
  const plugins = { SIGESS_PLUGINS: 'hello', DATABASE_URL: '', SIGESS_CONFIG: '' };
  if (embedded) {
    await measure('sigess start, embedded, first start (empty folder)', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sigess-bench-'));
      try {
        return await timeToFirstAnswer([BIN, 'start'], { ...plugins, SIGESS_DATA_DIR: dir });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
    const reused = mkdtempSync(join(tmpdir(), 'sigess-bench-'));
    await timeToFirstAnswer([BIN, 'start'], { ...plugins, SIGESS_DATA_DIR: reused });
    await measure('sigess start, embedded, reusing its data', () =>
      timeToFirstAnswer([BIN, 'start'], { ...plugins, SIGESS_DATA_DIR: reused }),
    );
    rmSync(reused, { recursive: true, force: true });
  }
  if (server) {
    await timeToFirstAnswer([BIN, 'start'], { ...plugins, DATABASE_URL: server });
    await measure('sigess start, PostgreSQL server, migrated', () =>
      timeToFirstAnswer([BIN, 'start'], { ...plugins, DATABASE_URL: server }),
    );
    await measure('baseline: bare Koa + pg process', () => timeToFirstAnswer(['-e', BASELINE], { BASE_URL: server }));
  }
  return rows;
}

async function main() {
  const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
  const server = process.env.DATABASE_URL;
  const rows = await measureStartup({ runs, server });
  process.stdout.write(
    `machine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${runs} runs each\n\n`,
  );
  const width = Math.max(...rows.map((r) => r.name.length));
  process.stdout.write(`${'measure'.padEnd(width)}  median ms     min     max\n`);
  for (const r of rows) {
    process.stdout.write(
      `${r.name.padEnd(width)}  ${r.median.toFixed(0).padStart(9)}  ${r.min.toFixed(0).padStart(6)}  ${r.max.toFixed(0).padStart(6)}\n`,
    );
  }
  if (!server) process.stdout.write('\nset DATABASE_URL to also measure on a PostgreSQL server against a bare Koa + pg baseline\n');
}

module.exports = { measureStartup };

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  });
}
