// SPDX-License-Identifier: AGPL-3.0-or-later
'use strict';
/**
 * Figure 1, person search: core's search service (the SQL `/api/v1/people?q=` runs), called inside
 * the server process in a transaction bound to a demo operator's scope, as the route runs it — so
 * the time is the server's, without HTTP, session and JSON around it. Two columns: the service call
 * alone, and the route's whole transaction (scope, search, audit entry, commit). Baseline: the same
 * lookups as plain indexed SQL on an owner connection (the floor).
 */
const { summary, ms, mark, table } = require('./common');

const KINDS = [
  ['cf', 'codice fiscale, exact'],
  ['prefix', 'codice fiscale, prefix (6-11)'],
  ['fuzzy', 'surname + name, typo, no accents'],
];
const TARGET_P95 = 25;

/** Runs the lookups on a server; returns per kind the samples of core, of the route's transaction and of the floor. */
async function measureSearch(server, samples, user) {
  // A first pass warms the caches and the plans; only the second counts.
  await server.ask({ cmd: 'search', user, queries: samples.slice(0, Math.min(30, samples.length)) });
  const out = await server.ask({ cmd: 'search', user, queries: samples });
  const byKind = {};
  for (const [kind] of KINDS) byKind[kind] = { core: [], route: [], floor: [] };
  samples.forEach((s, i) => {
    byKind[s.kind].core.push(out.core[i]);
    byKind[s.kind].route.push(out.route[i]);
    byKind[s.kind].floor.push(out.floor[i]);
  });
  return byKind;
}

function searchTable(byKind, title = 'Person search: server time, ms (target p95 ≤ 25 ms)') {
  const rows = [['lookup', 'n', 'median', 'p95', 'p99', 'route txn p95', 'floor median', 'floor p95', 'target']];
  for (const [kind, label] of KINDS) {
    const k = byKind[kind];
    const core = summary(k.core);
    const route = summary(k.route);
    const floor = summary(k.floor);
    rows.push([
      label,
      core.n,
      ms(core.median),
      ms(core.p95),
      ms(core.p99),
      ms(route.p95),
      ms(floor.median),
      ms(floor.p95),
      mark(core.p95 <= TARGET_P95),
    ]);
  }
  return table(title, rows);
}

module.exports = { measureSearch, searchTable, KINDS, TARGET_P95 };
