// SPDX-License-Identifier: AGPL-3.0-or-later
'use strict';
/**
 * Figure 3, the duplicate check on create: core's candidate search (`PeopleService.candidates`, what
 * registering a person runs before saving), in the server process inside a scoped transaction, for
 * near-duplicates of seeded people (surname mistyped, no code) and for people no one resembles.
 */
const { summary, ms, mark, table } = require('./common');

const TARGET_P95 = 30;

async function measureDedup(server, samples, user) {
  const byKind = {};
  await server.ask({ cmd: 'dedup', user, inputs: samples.slice(0, 10).map((s) => s.input) });
  for (const kind of ['near-duplicate', 'fresh']) {
    const inputs = samples.filter((s) => s.kind === kind).map((s) => s.input);
    byKind[kind] = await server.ask({ cmd: 'dedup', user, inputs });
  }
  return byKind;
}

function dedupTable(byKind) {
  const rows = [['input', 'n', 'with candidates', 'median', 'p95', 'p99', 'target']];
  const all = [];
  for (const [kind, r] of Object.entries(byKind)) {
    const s = summary(r.core);
    all.push(...r.core);
    rows.push([kind, s.n, r.found, ms(s.median), ms(s.p95), ms(s.p99), mark(s.p95 <= TARGET_P95)]);
  }
  const s = summary(all);
  rows.push(['all', s.n, '', ms(s.median), ms(s.p95), ms(s.p99), mark(s.p95 <= TARGET_P95)]);
  return table('Duplicate check on create: server time, ms (target p95 ≤ 30 ms)', rows);
}

module.exports = { measureDedup, dedupTable, TARGET_P95 };
