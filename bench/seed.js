#!/usr/bin/env node
// SPDX-License-Identifier: AGPL-3.0-or-later
'use strict';
/**
 * Fills a database with a synthetic territory for the benchmarks: the demo organizations and operators,
 * then N people in households with codici fiscali, access contacts, cartelle with their diary, assessments,
 * interventions and deliveries, planted near-duplicates (bench.planted_duplicate) and one heavy cartella
 * (bench.meta 'heavy_cartella_id'). Deterministic from --seed; bulk COPY as the schema owner; see bench/README.md.
 * Usage: node bench/seed.js --people N [--seed 42] [--database-url URL | --pglite DIR] [--fresh] [--json] [--insert] [--dry-run]
 */
const { Client } = require('pg');
const { join } = require('node:path');
const { cpus, totalmem } = require('node:os');
const cliProgress = require('cli-progress');
const { Generator, TABLES } = require('./seed/generate');
const { copyRows, insertRows } = require('./seed/copy');

const ROOT = join(__dirname, '..');
const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/sigess_bench';
/** People per batch: every table's rows for them are generated, then loaded, before the next batch. */
const BATCH = 25_000;

function parseArgs(argv) {
  const value = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const people = Number(value('--people') ?? 10_000);
  const seed = Number(value('--seed') ?? 42);
  if (!Number.isInteger(people) || people < 1) throw new Error('--people must be a positive integer');
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  return {
    people,
    seed,
    databaseUrl: value('--database-url') ?? process.env.BENCH_DATABASE_URL ?? DEFAULT_URL,
    pglite: value('--pglite') ?? null,
    fresh: argv.includes('--fresh'),
    json: argv.includes('--json'),
    insert: argv.includes('--insert'),
    dryRun: argv.includes('--dry-run'),
  };
}

/** Creates the database when missing (dropping it first with --fresh), through the server's `postgres` database. */
async function ensureDatabase(url, fresh) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name "${name}": use lowercase letters, digits and _`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    if (fresh) await client.query(`drop database if exists ${name} with (force)`);
    const { rowCount } = await client.query('select from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}

/** What the generator needs from the migrated, demo-seeded database. */
async function readContext(client) {
  const { rows: orgRows } = await client.query(
    `select c.id::text as id, c.code, c.belfiore_code as belfiore,
            coalesce(array_agg(p.id::text order by p.code) filter (where p.id is not null), '{}') as points
     from core.organization c left join core.organization p on p.parent_id = c.id and p.kind = 'service-point'
     where c.kind = 'comune' and c.code like 'demo-%' group by c.id order by c.code`,
  );
  if (orgRows.length === 0) throw new Error('no demo comuni: the demo organizations were not seeded');
  const { rows: ops } = await client.query(
    `select id::text as id, username from core.operator where username in ('assistente', 'educatore')`,
  );
  const operators = Object.fromEntries(ops.map((o) => [o.username, o.id]));
  if (!operators.assistente || !operators.educatore) throw new Error('the demo operators assistente and educatore are missing');
  const { rows: places } = await client.query(
    `select belfiore_code as code from core.municipality where valid_to is null order by belfiore_code`,
  );
  const { rows: counters } = await client.query('select owner_org_id::text as org, year, last from core.cartella_counter');
  // Codes already in the registry before this seed (the demo people's): the seed must not issue them again.
  const { rows: existing } = await client.query(
    `select cf_canonical as code, count(*)::int as n from core.person
     where codice_fiscale is not null and created_at < coalesce((select value::timestamptz from bench.meta where key = 'load_started_at'), 'infinity')
     group by cf_canonical`,
  );
  // The largest comune first: it holds most of the territory, as a chief town does over its neighbours.
  const weights = orgRows.map((_, i) => (i === 0 ? 6 : 2));
  return {
    orgs: orgRows,
    weights,
    places: places.map((p) => p.code),
    operators,
    counters: new Map(counters.map((c) => [`${c.org}/${c.year}`, c.last])),
    existingCodes: existing.map((e) => [e.code, e.n]),
    today: new Date().toISOString().slice(0, 10),
  };
}

async function createBenchTables(client) {
  await client.query(`
    create schema if not exists bench;
    create table if not exists bench.meta (key text primary key, value text not null);
    create table if not exists bench.planted_duplicate (
      original_id uuid not null references core.person (id),
      duplicate_id uuid not null references core.person (id),
      kind text not null check (kind in ('typo', 'accent', 'swapped', 'missing-cf'))
    );
    comment on schema bench is 'Benchmark bookkeeping written by bench/seed.js (not part of SIGeSS)';`);
  const { rows } = await client.query(`select value from bench.meta where key = 'people'`);
  if (rows.length) throw new Error('this database is already seeded for benchmarks: run again with --fresh');
}

/** Drops the non-unique indexes of the tables the seed fills; returns the statements that rebuild them. */
async function dropSecondaryIndexes(client) {
  const { rows } = await client.query(
    `select i.indexname, i.indexdef from pg_indexes i
     where i.schemaname = 'core' and i.tablename = any ($1::text[]) and i.indexdef not like 'CREATE UNIQUE INDEX%'
     order by i.tablename, i.indexname`,
    [Object.keys(TABLES)],
  );
  for (const row of rows) await client.query(`drop index core.${row.indexname}`);
  return rows.map((row) => row.indexdef);
}

/**
 * Seeds a database; returns the summary. Exported for the smoke test, which runs it in a child process.
 * @param {ReturnType<typeof parseArgs>} options
 */
async function seed(options) {
  require(join(ROOT, 'core', 'bin', 'build.js')).ensureBuilt();
  const { loadConfig } = require(join(ROOT, 'core', 'dist', 'config', 'config.js'));
  const { prepare, migrateAndSeedDemo } = require(join(ROOT, 'core', 'dist', 'platform.js'));
  const codes = require(join(ROOT, 'core', 'dist', 'modules', 'people', 'identity-codes.js'));
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;

  if (options.dryRun) return dryRun(options, codes);
  let embedded = null;
  let url = options.databaseUrl;
  if (options.pglite) {
    const { startEmbeddedDatabase } = require(join(ROOT, 'core', 'dist', 'db', 'embedded.js'));
    if (options.fresh) require('node:fs').rmSync(options.pglite, { recursive: true, force: true });
    embedded = await startEmbeddedDatabase(options.pglite);
    url = embedded.url;
  } else {
    await ensureDatabase(url, options.fresh);
  }
  const timings = {};
  try {
    const config = loadConfig({}, ROOT, { databaseUrl: url, logLevel: 'warn', demo: 'always', jobs: false });
    const prepared = prepare(config);
    const db = { url, embedded: null, singleConnection: Boolean(embedded), stop: async () => undefined };
    await migrateAndSeedDemo(prepared, db);
    timings.migrateAndDemo = seconds();

    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await createBenchTables(client);
      await client.query(`insert into bench.meta (key, value) values ('load_started_at', now()::text)`);
      const context = await readContext(client);
      const generator = new Generator(options.seed, context, codes);
      const counts = Object.fromEntries(Object.keys(TABLES).map((t) => [t, 0]));
      const bars = new cliProgress.MultiBar(
        { format: ' {table} |{bar}| {value} rows  {rate} rows/s', hideCursor: true, clearOnComplete: false },
        cliProgress.Presets.shades_classic,
      );
      const tableBars = Object.fromEntries(Object.keys(TABLES).map((t) => [t, bars.create(0, 0, { table: t.padEnd(23), rate: 0 })]));
      // PGlite behind its socket loses protocol sync on COPY FROM STDIN (its socket server does not relay the
      // COPY sub-protocol): on it, multi-row INSERTs instead.
      const { rows: version } = await client.query('select version() as v');
      const pglite = /PGlite/.test(version[0].v);
      const load = options.insert || pglite ? insertRows : copyRows;
      if (pglite && !options.json)
        process.stderr.write('embedded database (PGlite): loading with multi-row INSERT, COPY is not available through its socket\n');
      const loadStarted = seconds();
      // Past a few tens of thousands of people, keeping the secondary indexes (the trigram GIN on names above
      // all) up to date row by row costs more than building them once after the load.
      const deferred = options.people >= 50_000 ? await dropSecondaryIndexes(client) : [];
      try {
        while (generator.people < options.people) {
          const batch = generator.batch(Math.min(BATCH, options.people - generator.people));
          for (const [table, columns] of Object.entries(TABLES)) {
            const bar = tableBars[table];
            bar.setTotal(counts[table] + batch[table].length);
            const onRows = (n) => {
              counts[table] += n;
              bar.update(counts[table], {
                table: table.padEnd(23),
                rate: Math.round(counts[table] / Math.max(0.001, seconds() - loadStarted)),
              });
            };
            await load(client, `core.${table}`, columns, batch[table], onRows);
          }
        }
      } finally {
        bars.stop();
        // Rebuilt even when the load failed, so a half-seeded database still has its schema's indexes.
        const indexStarted = seconds();
        await client.query(`set maintenance_work_mem = '512MB'`);
        for (const definition of deferred) await client.query(definition);
        timings.indexes = seconds() - indexStarted;
      }
      timings.load = seconds() - loadStarted;

      // The counters: a cartella opened in the app takes the next number after the seeded ones.
      const last = [...context.counters.entries()].map(([key, value]) => [...key.split('/'), value]);
      for (const [org, year, value] of last) {
        await client.query(
          `insert into core.cartella_counter (owner_org_id, year, last) values ($1, $2, $3)
           on conflict (owner_org_id, year) do update set last = greatest(core.cartella_counter.last, excluded.last)`,
          [org, Number(year), value],
        );
      }
      await insertRows(client, 'bench.planted_duplicate', ['original_id', 'duplicate_id', 'kind'], generator.planted, () => undefined);
      const meta = {
        people: String(counts.person),
        seed: String(options.seed),
        heavy_cartella_id: generator.heavyCartellaId,
        first_codici_fiscali: generator.firstCfs.join(','),
        seeded_at: new Date().toISOString(),
      };
      for (const [key, value] of Object.entries(meta))
        await client.query('insert into bench.meta (key, value) values ($1, $2)', [key, value]);
      const analyzeStarted = seconds();
      // VACUUM too: it merges the rows COPY left in the trigram indexes' GIN pending lists (which every name
      // search would otherwise scan) and sets the visibility map for index-only scans.
      await client.query(
        `vacuum (analyze) ${Object.keys(TABLES)
          .map((t) => `core.${t}`)
          .join(', ')}, bench.planted_duplicate`,
      );
      timings.analyze = seconds() - analyzeStarted;
      counts.planted_duplicate = generator.planted.length;
      return {
        counts,
        heavyCartellaId: generator.heavyCartellaId,
        firstCodiciFiscali: generator.firstCfs,
        loader: load === copyRows ? 'copy' : 'insert',
        timings,
        seconds: seconds(),
        url,
      };
    } finally {
      await client.end();
    }
  } finally {
    if (embedded) await embedded.stop();
  }
}

/**
 * Generates without writing, from the context of an already seeded database: the first codici fiscali the
 * seed would produce. Same seed, same database → the same codes (what the smoke test checks).
 */
async function dryRun(options, codes) {
  const client = new Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    const generator = new Generator(options.seed, await readContext(client), codes);
    while (generator.firstCfs.length < 10 && generator.people < options.people) generator.batch(Math.min(BATCH, options.people));
    return { firstCodiciFiscali: generator.firstCfs };
  } finally {
    await client.end();
  }
}

function printSummary(summary) {
  const out = process.stdout;
  out.write(`\nmachine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`);
  out.write(
    `migrations + demo data: ${summary.timings.migrateAndDemo.toFixed(1)} s; load: ${summary.timings.load.toFixed(1)} s (of which rebuilding indexes ${summary.timings.indexes.toFixed(1)} s); vacuum analyze: ${summary.timings.analyze.toFixed(1)} s\n\n`,
  );
  const total = Object.values(summary.counts).reduce((a, b) => a + b, 0);
  const width = Math.max(...Object.keys(summary.counts).map((t) => t.length));
  for (const [table, rows] of Object.entries(summary.counts)) out.write(`${table.padEnd(width)}  ${String(rows).padStart(10)}\n`);
  out.write(`${'total'.padEnd(width)}  ${String(total).padStart(10)}  (${Math.round(total / summary.timings.load)} rows/s loading)\n`);
  out.write(`loaded with ${summary.loader === 'copy' ? 'COPY' : 'multi-row INSERT'}\n`);
  out.write(`\nheavy cartella: ${summary.heavyCartellaId} (bench.meta 'heavy_cartella_id'); ${summary.seconds.toFixed(1)} s in all\n`);
}

if (require.main === module) {
  const options = parseArgs(process.argv.slice(2));
  seed(options)
    .then((summary) => {
      if (options.json || options.dryRun) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else printSummary(summary);
    })
    .catch((error) => {
      process.stderr.write(`${error.stack}\n`);
      process.exit(1);
    });
}

module.exports = { seed, parseArgs };
