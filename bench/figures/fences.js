// SPDX-License-Identifier: AGPL-3.0-or-later
'use strict';
/**
 * Figure 6, the cost of the fences: the cartella page and the person search on the real platform
 * against the same platform with row-level security and auditing off (BENCH_MODE=bare in
 * server.js: a BYPASSRLS role and a no-op audit service, a bench-only process). Cost is the share of
 * throughput lost (cartella) or of time added (search, median of the route's whole transaction).
 */
const { summary, ms, mark, table } = require('./common');
const { KINDS } = require('./search');

const TARGET_COST = 0.15;

function fencesTable(on, off) {
  const rows = [['measure', 'fences on', 'fences off', 'cost', 'target ≤ 15%']];
  if (on.cartella && off.cartella) {
    for (const [key, label] of [
      ['html', 'cartella HTML, req/s'],
      ['json', 'cartella JSON, req/s'],
    ]) {
      const cost = 1 - on.cartella[key].rps / off.cartella[key].rps;
      rows.push([
        label,
        on.cartella[key].rps.toFixed(0),
        off.cartella[key].rps.toFixed(0),
        `${(cost * 100).toFixed(1)}%`,
        mark(cost <= TARGET_COST),
      ]);
    }
  }
  if (on.search && off.search) {
    for (const [kind, label] of KINDS) {
      const a = summary(on.search[kind].route).median;
      const b = summary(off.search[kind].route).median;
      const cost = a / b - 1;
      rows.push([`search ${label}, median ms`, ms(a), ms(b), `${(cost * 100).toFixed(1)}%`, mark(cost <= TARGET_COST)]);
    }
  }
  return table('Cost of the fences: row-level security and auditing on vs off', rows);
}

module.exports = { fencesTable, TARGET_COST };
