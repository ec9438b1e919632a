#!/usr/bin/env node
// SPDX-License-Identifier: AGPL-3.0-or-later
'use strict';
/**
 * Every figure of bench/README.md in one run, each against its baseline measured in the same run:
 *   npm run bench [-- --people 10000] [--pglite] [--only search,cartella,dedup,startup,fences]
 *                 [--duration 10] [--iterations 200] [--connections 32] [--database-url URL]
 * Seeds the database through bench/seed.js first when it holds fewer people than wanted.
 * Memory (figure 5) comes with `cartella`. Prints tables; `--json FILE` also writes the raw figures.
 */
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { parseArgs, machine, startServer, table } = require('./figures/common');
const { targetFor, ensureSeeded, drawSamples } = require('./figures/dataset');
const { measureSearch, searchTable } = require('./figures/search');
const { measureDedup, dedupTable } = require('./figures/dedup');
const { measureCartella, cartellaTable, memoryTable } = require('./figures/cartella');
const { fencesTable } = require('./figures/fences');
const { measureStartup } = require('./startup');

const ALL = ['search', 'cartella', 'dedup', 'startup', 'fences'];

/** Runs the figures; `print` receives each table as it is ready. Returns the raw figures. */
async function runBench(options, print = (text) => process.stdout.write(`${text}\n`)) {
  const wanted = new Set(options.only ?? ALL);
  for (const name of wanted) if (!ALL.includes(name)) throw new Error(`unknown figure "${name}" (one of ${ALL.join(', ')})`);
  require(join(__dirname, '..', 'core', 'bin', 'build.js')).ensureBuilt();
  const started = Date.now();
  const target = targetFor(options);
  const seeded = await ensureSeeded(target, options.people, print, options.quiet);
  const samples = await drawSamples(target, options.iterations);
  print(machine(samples.version));
  print(
    `database: ${target.label}, ${seeded.people} people; heavy cartella ${samples.cartella?.id ?? 'none'} ` +
      `(${samples.cartella?.interventions ?? 0} interventions, ${samples.cartella?.notes ?? 0} diary notes, ` +
      `${samples.cartella?.assessments ?? 0} assessments); signed in as ${samples.user.username}`,
  );
  const figures = { machine: machine(samples.version), people: seeded.people, pglite: options.pglite };
  const cartellaOptions = {
    cartellaId: samples.cartella?.id,
    user: samples.user,
    duration: options.duration,
    connections: options.connections,
  };
  const needsCartella = wanted.has('cartella') || wanted.has('fences');
  if (needsCartella && !samples.cartella) throw new Error('no cartella with diary notes in the database');

  // One server at a time: on PGlite only one process may hold the database, and on 2 cores two would measure each other.
  const withServer = async (mode, work) => {
    const server = await startServer(mode, target);
    try {
      return await work(server);
    } finally {
      await server.stop();
    }
  };

  const on = {};
  if (wanted.has('search') || wanted.has('dedup') || needsCartella) {
    await withServer('core', async (server) => {
      if (wanted.has('search') || wanted.has('fences')) {
        on.search = await measureSearch(server, samples.search, samples.user);
        if (wanted.has('search')) print(searchTable(on.search));
      }
      if (wanted.has('dedup')) {
        figures.dedup = await measureDedup(server, samples.dedup, samples.user);
        print(dedupTable(figures.dedup));
      }
      if (needsCartella) on.cartella = await measureCartella(server, cartellaOptions);
    });
  }
  figures.search = on.search;
  if (needsCartella) {
    figures.cartella = on.cartella;
    figures.baseline = await withServer('baseline', (server) => measureCartella(server, { ...cartellaOptions, baseline: true }));
    print(cartellaTable(on.cartella, figures.baseline, options.connections));
    print(
      memoryTable([
        ['core (sigess, no plugins)', on.cartella.memory],
        ['baseline: Koa + pg', figures.baseline.memory],
      ]),
    );
  }
  if (wanted.has('fences')) {
    const off = {};
    await withServer('bare', async (server) => {
      off.search = await measureSearch(server, samples.search, samples.user);
      off.cartella = await measureCartella(server, cartellaOptions);
    });
    figures.fencesOff = off;
    print(fencesTable(on, off));
  }
  if (wanted.has('startup')) {
    // A start that never answers (an overloaded machine) is reported, not fatal to the figures already taken.
    try {
      const rows = await measureStartup({
        runs: options.startupRuns,
        server: target.url ?? null,
        embedded: options.pglite || options.startupEmbedded !== false,
      });
      figures.startup = rows;
      print(
        table('Start-up: spawn to first 200 on / (target ≤ 2 s after the first migration)', [
          ['measure', 'median ms', 'min', 'max'],
          ...rows.map((r) => [r.name, r.median.toFixed(0), r.min.toFixed(0), r.max.toFixed(0)]),
        ]),
      );
    } catch (error) {
      figures.failed = [...(figures.failed ?? []), `startup: ${error.message.split('\n')[0]}`];
      print(`\nStart-up: failed (${error.message.split('\n')[0]})`);
    }
  }
  print(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return figures;
}

module.exports = { runBench };

if (require.main === module) {
  const argv = process.argv.slice(2);
  const options = parseArgs(argv);
  const json = argv.includes('--json') ? argv[argv.indexOf('--json') + 1] : null;
  runBench(options)
    .then((figures) => {
      if (json) writeFileSync(json, `${JSON.stringify(figures, null, 2)}\n`);
      if (figures.failed) process.exitCode = 1;
    })
    .catch((error) => {
      process.stderr.write(`${error.stack}\n`);
      process.exit(1);
    });
}
