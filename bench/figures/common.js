// SPDX-License-Identifier: AGPL-3.0-or-later
'use strict';
/** What every figure shares: options, the server processes, statistics, tables, the machine. */
const { fork } = require('node:child_process');
const { cpus, totalmem } = require('node:os');
const { closeSync, mkdirSync, openSync } = require('node:fs');
const { join } = require('node:path');

const SERVER = join(__dirname, 'server.js');
const TMP = join(__dirname, '..', '.tmp');

/** `--people 10000 --pglite --only search,cartella --duration 10 --iterations 200` */
function parseArgs(argv) {
  const value = (name) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    people: Number(value('people') ?? 10_000),
    pglite: argv.includes('--pglite'),
    only: value('only') ? value('only').split(',') : null,
    duration: Number(value('duration') ?? 10),
    iterations: Number(value('iterations') ?? 200),
    connections: Number(value('connections') ?? 32),
    databaseUrl: value('database-url') ?? process.env.DATABASE_URL ?? null,
    dataDir: value('data-dir') ?? null,
    startupRuns: Number(value('startup-runs') ?? 3),
    // The embedded database's first start (initdb, migrations, demo data) is the slowest measure: skippable.
    startupEmbedded: !argv.includes('--no-startup-embedded'),
  };
}

/** The value below which `p` percent of the samples fall (nearest rank). */
function percentile(samples, p) {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summary(samples) {
  return { median: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99), n: samples.length };
}

const ms = (v) => (Number.isFinite(v) ? v.toFixed(v < 10 ? 2 : 1) : '-');
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const mark = (ok) => (ok ? '✓' : '✗');

/** A plain-text table: the first row is the header; columns padded to their widest cell. */
function table(title, rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  const line = (r) => r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  ');
  return [`\n${title}`, line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line), ''].join('\n');
}

function machine(postgresVersion) {
  const cpu = cpus();
  return `machine: ${cpu.length} cores (${cpu[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${postgresVersion}`;
}

/**
 * Starts a server process of bench/figures/server.js and talks to it over IPC.
 * `target` is `{ url }` (PostgreSQL) or `{ dataDir }` (PGlite).
 */
async function startServer(mode, target, extraEnv = {}) {
  const env = { ...process.env, ...extraEnv, BENCH_MODE: mode };
  delete env.DATABASE_URL;
  if (target.url) env.BENCH_DB_URL = target.url;
  else env.BENCH_DATA_DIR = target.dataDir;
  // The server's log (errors under load, say) goes to a file rather than between the tables.
  mkdirSync(TMP, { recursive: true });
  const log = openSync(join(TMP, `server-${mode}.log`), 'w');
  // BENCH_CPU_PROF=<folder>: each server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  // BENCH_SERVER_NODE_ARGS="--trace-gc …": V8 flags for the servers only (the log shows what they print).
  const execArgv = [
    ...(process.env.BENCH_CPU_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, `--cpu-prof-name=${mode}.cpuprofile`]
      : []),
    ...(env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
  ];
  const child = fork(SERVER, [], { env, execArgv, stdio: ['ignore', log, 'pipe', 'ipc'] });
  closeSync(log);
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const pending = new Map();
  let next = 0;
  const url = await new Promise((resolve, reject) => {
    child.on('message', (m) => {
      if (m.ready) resolve(m.ready);
      const waiting = pending.get(m.id);
      if (!waiting) return;
      pending.delete(m.id);
      if (m.error) waiting.reject(new Error(m.error));
      else waiting.resolve(m.result);
    });
    exited.then((code) => reject(new Error(`${mode} server exited (${code}): ${stderr}`)));
  });
  const ask = (message) =>
    new Promise((resolve, reject) => {
      next += 1;
      pending.set(next, { resolve, reject });
      child.send({ ...message, id: next });
    });
  return {
    url,
    pid: child.pid,
    ask,
    async stop() {
      if (child.exitCode === null) {
        await Promise.race([ask({ cmd: 'stop' }), exited]).catch(() => undefined);
        // It exits on its own (writing its CPU profile, if asked for one); a server that hangs is stopped.
        const hung = setTimeout(() => child.kill('SIGTERM'), 10_000);
        await exited;
        clearTimeout(hung);
      }
      await exited;
    },
  };
}

/** Signs a demo operator in through the login form; returns the Cookie header of the session. */
async function signIn(baseUrl, username, membershipId = null, password = 'demo-sigess-2026') {
  const jar = new Map();
  const keep = (res) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const page = await fetch(`${baseUrl}/login`);
  keep(page);
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!token) throw new Error('no form token on /login');
  const res = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ _csrf: token, username, password, next: '/' }),
  });
  if (res.status !== 302) throw new Error(`sign-in of ${username} answered ${res.status}`);
  keep(res);
  if (res.headers.get('location')?.startsWith('/session/organization')) {
    // Several memberships: act in the one given (the cartella's organization), as the chooser page does.
    const chooser = await fetch(`${baseUrl}/session/organization`, { headers: { cookie: cookie() } });
    keep(chooser);
    const html = await chooser.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    const chosen = membershipId ?? /name="membershipId" id="[^"]*" value="([^"]+)"/.exec(html)?.[1];
    const acted = await fetch(`${baseUrl}/session/organization`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
      body: new URLSearchParams({ _csrf: csrf ?? '', membershipId: chosen ?? '', next: '/' }),
    });
    if (acted.status !== 302) throw new Error(`choosing the organization of ${username} answered ${acted.status}`);
    keep(acted);
  }
  return cookie();
}

module.exports = { parseArgs, percentile, summary, ms, mib, mark, table, machine, startServer, signIn };
