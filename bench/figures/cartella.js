// SPDX-License-Identifier: AGPL-3.0-or-later
'use strict';
/**
 * Figure 2 (and 5), the heavy cartella under load: autocannon, 32 connections, signed in as a demo
 * operator (session cookie). HTML is `/cartelle/:id`; JSON is `/api/v1/cartelle/:id` (the cartella,
 * its person, team and history) and `/api/v1/cartelle/:id/diary` (the notes), alternately. The
 * baseline is a minimal Koa + pg process answering `/cartelle/:id` with the same data as JSON
 * (cartella, person, household, team, history, and notes, open interventions and assessments as the page lists them).
 * The server's resident memory is read after the load.
 */
const autocannon = require('autocannon');
const { signIn, ms, mib, mark, table } = require('./common');

const TARGET_RATIO = 0.6;
const TARGET_P99 = 100;

function cannon(options) {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** One load: throughput, latency, errors. */
async function load(url, { cookie, accept, paths, duration, connections }) {
  const headers = { accept };
  if (cookie) headers.cookie = cookie;
  // A short warm-up (JIT, plans, caches) not counted.
  await cannon({ url, connections, duration: Math.min(1, duration / 2), requests: paths.map((path) => ({ path })), headers });
  const r = await cannon({ url, connections, duration, requests: paths.map((path) => ({ path })), headers });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
    total: r.requests.total,
  };
}

/** Loads one server with the page (HTML and JSON) or, for the baseline, its one JSON route. */
async function measureCartella(server, { cartellaId, user, duration, connections, baseline = false }) {
  const result = {};
  if (baseline) {
    result.baseline = await load(server.url, { accept: 'application/json', paths: [`/cartelle/${cartellaId}`], duration, connections });
  } else {
    const cookie = await signIn(server.url, user.username, user.membershipId);
    result.html = await load(server.url, { cookie, accept: 'text/html', paths: [`/cartelle/${cartellaId}`], duration, connections });
    result.json = await load(server.url, {
      cookie,
      accept: 'application/json',
      paths: [`/api/v1/cartelle/${cartellaId}`, `/api/v1/cartelle/${cartellaId}/diary`],
      duration,
      connections,
    });
  }
  result.memory = await server.ask({ cmd: 'memory' });
  return result;
}

function cartellaTable(core, baseline, connections) {
  const base = baseline.baseline;
  const row = (label, r) => [
    label,
    r.rps.toFixed(0),
    ms(r.p50),
    ms(r.p99),
    r.errors,
    base ? `${((r.rps / base.rps) * 100).toFixed(0)}%` : '-',
    `${mark(base && r.rps / base.rps >= TARGET_RATIO)} ${mark(r.p99 <= TARGET_P99)}`,
  ];
  return table(`Cartella page, ${connections} connections (targets: ≥ 60% of the baseline's throughput ✓/✗, p99 ≤ 100 ms ✓/✗)`, [
    ['server', 'req/s', 'median ms', 'p99 ms', 'errors', 'of baseline', 'targets'],
    row('core, HTML /cartelle/:id', core.html),
    row('core, JSON /api/v1/cartelle/:id + /diary', core.json),
    ['baseline: Koa + pg, same data as JSON', base.rps.toFixed(0), ms(base.p50), ms(base.p99), base.errors, '100%', ''],
  ]);
}

function memoryTable(entries) {
  return table('Server memory after the cartella load', [
    ['server', 'RSS', 'peak RSS'],
    ...entries.map(([label, m]) => [label, mib(m.rss), mib(m.peakRss)]),
  ]);
}

module.exports = { measureCartella, cartellaTable, memoryTable, TARGET_RATIO, TARGET_P99 };
