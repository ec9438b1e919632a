#!/usr/bin/env node
// SPDX-License-Identifier: AGPL-3.0-or-later
'use strict';
/**
 * The SIUSS period export at scale: an ente's PS records written as one INPS flusso through core's export
 * runner, as an operator asks for it (`POST /api/v1/exports`, flow `siuss.ps`), timed and with the server
 * process's resident memory, against a baseline measured in the same run: a bare `pg` process reading the same
 * rows with the same keyset walk and writing them out as they come (the floor of reading the data).
 *
 *   npm run bench:siuss [-- --records 1000000] [--database-url URL] [--fresh | --in-place] [--keep FILE] [--json]
 *
 * Targets (issue 8): 1,000,000 records in ≤ 60 s, resident memory ≤ 256 MiB, on the 2-core machine.
 * The records are seeded with SQL on the first run (people, their cartelle, 2–3 prestazioni each, a third with
 * SINA, plus 1% incomplete records the file must leave out) and reused by the next runs on the same database.
 */
const { createReadStream, createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { fork } = require('node:child_process');
const { join } = require('node:path');
const { pipeline } = require('node:stream/promises');
const { Readable } = require('node:stream');
const { createInterface } = require('node:readline');
const { Client } = require('pg');
const { machine, mib, mark, table, startServer, signIn } = require('./figures/common');

const ROOT = join(__dirname, '..');
const TMP = join(__dirname, '.tmp', 'siuss');
const PERIOD = { from: '2026-01', to: '2026-12' };
const TARGET = { seconds: 60, rssBytes: 256 * 2 ** 20 };
/**
 * The V8 flags `npm start` gives the server (package.json's start script: its heap size), read from the script so
 * that the figure is the platform's as it is started, never a flag of the benchmark's own.
 */
function startFlags() {
  const script = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start;
  return script.split(/\s+/).filter((word) => /^--max-(old|semi)-space-size=\d+$/.test(word));
}
/** The export flow's batch (plugins/siuss/src/exports.ts): the baseline walks the same way. */
const BATCH = 1000;

function parseArgs(argv) {
  const value = (name) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const records = Number(value('records') ?? 1_000_000);
  if (!Number.isInteger(records) || records < 10) throw new Error('--records: a whole number, at least 10');
  return {
    records,
    databaseUrl: value('database-url') ?? `postgres://postgres@127.0.0.1:5432/sigess_bench_siuss_${records}`,
    fresh: argv.includes('--fresh'),
    // Seed into the (empty) database given rather than dropping and creating it: the smoke test's own database.
    inPlace: argv.includes('--in-place'),
    keep: value('keep') ?? null,
    json: argv.includes('--json'),
  };
}

const seconds = (from) => Number(process.hrtime.bigint() - from) / 1e9;

async function withClient(url, work) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function recreateDatabase(url) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name "${name}": use lowercase letters, digits and _`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  await withClient(admin.toString(), async (client) => {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  });
}

/** How many records an earlier run seeded here, or null when the database is missing or holds none. */
async function seededRecords(url) {
  try {
    return await withClient(url, async (client) => {
      const { rows } = await client.query(`select value from bench_siuss.meta where key = 'records'`);
      return rows.length ? Number(rows[0].value) : null;
    });
  } catch {
    return null;
  }
}

/** Letters of the alphabet from a number: six of them make a codice fiscale's name part unique per person. */
const LETTERS = (expr) => Array.from({ length: 6 }, (_, k) => `chr(65 + ((${expr}) / ${26 ** k} % 26)::int)`).join(' || ');

/**
 * The seeded territory's SQL, run as the owner in one transaction: people of the demo comune (Orvieto) with a
 * codice fiscale, a cartella each, and `records` PS records of 2–3 prestazioni per person, shaped as the plugin
 * builds them (derive/ps.ts) and XSD-valid, then 1% incomplete ones.
 */
function seedSql(records, prestazioni) {
  const people = Math.ceil((records * 2) / 5);
  const codes = prestazioni.map((p) => `'${p.code}'`).join(',');
  const names = prestazioni.map((p) => `'${p.denominazione.replace(/'/g, "''")}'`).join(',');
  const personId = (i) => `md5('bench-siuss-person-' || ${i})::uuid`;
  const cartellaId = (i) => `md5('bench-siuss-cartella-' || ${i})::uuid`;
  return [
    `create schema bench_siuss`,
    `create table bench_siuss.meta (key text primary key, value text not null)`,
    `create temporary table ctx on commit drop as
       select (select id from core.organization where code = 'demo-comune') as org,
              (select id from core.operator where username = 'assistente') as operator`,
    `insert into core.person (id, owner_org_id, codice_fiscale, cf_canonical, surname, name, sex, birth_date, birth_place_code,
       citizenships, residence)
     select ${personId('i')}, ctx.org, cf, cf, surname, name, sex, birth, 'G148', '{100}',
       jsonb_build_object('comuneCode', 'G148', 'street', 'Via del Duomo', 'houseNumber', (1 + i % 200)::text)
     from ctx, generate_series(0, ${people - 1}) i,
       lateral (select date '1930-01-01' + (i * 37 % 25000)::int as birth, case when i % 2 = 0 then 'F' else 'M' end as sex,
                       (array['Rossi','Bianchi','Ferrari','Russo','Esposito','Romano','Colombo','Ricci','Marino','Greco'])[1 + i % 10] as surname,
                       (array['Maria','Giuseppe','Anna','Giovanni','Rosa','Antonio','Lucia','Francesco'])[1 + i % 8] as name) b,
       lateral (select ${LETTERS('i')} || to_char(birth, 'YY') || substr('ABCDEHLMPRST', extract(month from birth)::int, 1)
                       || lpad((extract(day from birth)::int + case when sex = 'F' then 40 else 0 end)::text, 2, '0') || 'G148X' as cf) c`,
    `insert into core.cartella (id, owner_org_id, year, seq, person_id, area, state, state_since, opened_on, responsible_operator_id,
       opened_by_org_id)
     select ${cartellaId('i')}, ctx.org, 2026, 100000 + i, ${personId('i')}, 'anziani', 'open', date '2026-01-01', date '2026-01-01',
       ctx.operator, ctx.org
     from ctx, generate_series(0, ${people - 1}) i`,
    // Record r belongs to person r*2/5: two or three prestazioni each, one Beneficiario per person in the file.
    `insert into plg_siuss.record (owner_org_id, ente_org_id, kind, source_id, cartella_id, person_id, reference_date, data, status, digest)
     select ctx.org, ctx.org, 'PS_PSA_SINA', gen_random_uuid(), ${cartellaId('x.i')}, p.id, ref, data,
       (array['ready','sent','accepted','rejected'])[1 + r % 4], md5(data::text)
     from ctx, generate_series(0, ${records - 1}) r
       cross join lateral (select (r * 2 / 5) as i, date '2026-01-01' + (r % 330)::int as ref,
                                  1 + (r % ${prestazioni.length}) as k) x
       join core.person p on p.id = ${personId('x.i')}
       cross join lateral (select jsonb_build_object(
         'CodiceFiscale', p.codice_fiscale,
         'Anagrafica', jsonb_build_object('Cognome', p.surname, 'Nome', p.name, 'AnnoNascita', extract(year from p.birth_date)::text,
           'LuogoNascita', 'G148', 'Genere', case when p.sex = 'M' then '1' else '2' end, 'CodiceCittadinanza', '380'),
         'Indirizzo', jsonb_build_array(jsonb_build_object('CodiceRegione', '10', 'CodiceComune', '055023', 'CodiceNazione', '380')),
         'Prestazione', jsonb_build_object(
           'PresenzaProvaMezzi', '1', 'CaratterePrestazione', '1',
           'NumeroProtocolloDSU', 'INPS-ISEE-2026-' || lpad((r % 100000000)::text, 8, '0') || 'A-00', 'AnnoProtocolloDSU', '2026',
           'DataDSU', to_char(ref - 30, 'YYYY-MM-DD'),
           'CodicePrestazione', (array[${codes}])[k], 'DenominazionePrestazione', (array[${names}])[k],
           'ProtocolloDomanda', 'G148/2026/' || lpad(r::text, 7, '0'),
           'DataEvento', to_char(ref, 'YYYY-MM-DD'), 'DataInizioPrestazione', to_char(ref, 'YYYY-MM-DD'),
           'DataFinePrestazione', to_char(ref + 180, 'YYYY-MM-DD'), 'DataErogazionePrestazione', to_char(ref + 5, 'YYYY-MM-DD'),
           'ImportoPrestazione', to_char(600 + r % 3000, 'FM99990.00'), 'PeriodoErogazione', '6',
           'ImportoMensile', to_char(100 + r % 500, 'FM99990.00'), 'ImportoQuotaEnte', to_char(100 + r % 500, 'FM99990.00'),
           'ImportoQuotaUtente', '0', 'ImportoQuotaRichiesta', to_char(100 + r % 500, 'FM99990.00'), 'ImportoSogliaISEE', '25000.00',
           'OreServizioMensile', (4 + r % 40)::text, 'PresaCarico', '1', 'AreaUtenza', '2')
           || case when r % 3 = 0 then jsonb_build_object('SINA', jsonb_build_object(
                'NecessitaInterventiSociali', jsonb_build_array('A2.07'), 'InvaliditaCivile', jsonb_build_array('2'),
                'Mobilita', '2', 'AttivitaVitaQuotidiana', '3', 'DisturbiAreaCognitiva', '2', 'DisturbiComportamentali', '1',
                'NecessitaCureSanitarie', '3', 'AreaReddituale', '2', 'AreaSupporto', '2', 'FonteDerivazioneValutazione', '1',
                'StrumentoValutazione', '1', 'FonteDerivazioneInvalidita', '1')) else '{}'::jsonb end) as data) d`,
    // Incomplete records (no codice fiscale, issues listed): the file must leave them out, whatever their number.
    `insert into plg_siuss.record (owner_org_id, ente_org_id, kind, source_id, cartella_id, person_id, reference_date, data, issues, status, digest)
     select ctx.org, ctx.org, 'PS_PSA_SINA', gen_random_uuid(), ${cartellaId('(r * 7 % ' + people + ')')},
       ${personId('(r * 7 % ' + people + ')')}, date '2026-03-01', '{"Anagrafica": {}, "Indirizzo": [], "Prestazione": {}}',
       '[{"field": "CodiceFiscale", "code": "required"}]', 'incomplete', md5(r::text)
     from ctx, generate_series(0, ${Math.floor(records / 100)}) r`,
    // A service manager of the comune, who may export its flows (the demo's manager works at the ambito).
    `insert into core.membership (operator_id, organization_id, role_id)
     select id, (select org from ctx), 'service-manager' from core.operator where username = 'responsabile'`,
    `insert into bench_siuss.meta values ('records', '${records}'), ('people', '${people}'), ('seeded_at', now()::text)`,
  ];
}

/** A fresh database migrated with the siuss plugin, core's demo data, then the records. */
async function seed(options, print) {
  const started = process.hrtime.bigint();
  require(join(ROOT, 'core', 'bin', 'build.js')).ensureBuilt();
  const { loadConfig } = require(join(ROOT, 'core', 'dist', 'config', 'config.js'));
  const { prepare, migrateAndSeedDemo } = require(join(ROOT, 'core', 'dist', 'platform.js'));
  const { PRESTAZIONI } = require(join(ROOT, 'plugins', 'siuss', 'dist', 'data', 'prestazioni.js'));
  if (!options.inPlace) await recreateDatabase(options.databaseUrl);
  const config = {
    ...loadConfig({}, ROOT, { databaseUrl: options.databaseUrl, logLevel: 'warn', demo: 'always', jobs: false }),
    plugins: ['siuss'],
  };
  await migrateAndSeedDemo(prepare(config), { url: options.databaseUrl, embedded: null, singleConnection: false, stop: async () => {} });
  const migrated = seconds(started);
  // Prestazioni a comune grants every month, with their real denominations.
  const granted = PRESTAZIONI.filter((p) => ['A1.04', 'A1.05', 'A1.11', 'A2.02', 'A2.07', 'A2.08'].includes(p.code));
  await withClient(options.databaseUrl, async (client) => {
    await client.query('begin');
    for (const sql of seedSql(options.records, granted)) await client.query(sql);
    await client.query('commit');
    await client.query('vacuum (analyze) plg_siuss.record, core.person, core.cartella');
  });
  print(
    `seeded ${options.records.toLocaleString('en')} records: migrations and demo ${migrated.toFixed(1)} s, records ${(seconds(started) - migrated).toFixed(1)} s`,
  );
}

/** The process's resident memory now and at its peak since the last reset (Linux). */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

/** Forgets the peak so far, so that the next reading is the peak of what follows (Linux: clear_refs 5). */
function resetPeak(pid) {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** Counts the file's `PrestazioniSociali` and `Beneficiario` elements as it streams by: the writer starts each on a line. */
async function countElements(file) {
  const counts = { prestazioni: 0, beneficiari: 0 };
  for await (const line of createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })) {
    if (line.startsWith('<PrestazioniSociali ')) counts.prestazioni += 1;
    else if (line.startsWith('<Beneficiario ')) counts.beneficiari += 1;
  }
  return counts;
}

/** The export through the platform: an operator starts it, the runner writes it, the operator downloads it. */
async function measureExport(options, nodeArgs) {
  const exportsDir = join(TMP, 'exports');
  rmSync(exportsDir, { recursive: true, force: true });
  mkdirSync(exportsDir, { recursive: true });
  const server = await startServer(
    'core',
    { url: options.databaseUrl },
    { BENCH_PLUGINS: 'siuss', BENCH_EXPORTS_DIR: exportsDir, BENCH_SERVER_NODE_ARGS: nodeArgs },
  );
  try {
    const [membership] = await withClient(options.databaseUrl, async (client) =>
      (
        await client.query(
          `select m.id from core.membership m join core.operator o on o.id = m.operator_id join core.organization g on g.id = m.organization_id
           where o.username = 'responsabile' and g.code = 'demo-comune'`,
        )
      ).rows.map((r) => r.id),
    );
    const cookie = await signIn(server.url, 'responsabile', membership);
    const account = await (await fetch(`${server.url}/account`, { headers: { cookie } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(account)?.[1];
    const headers = { cookie, accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': csrf };
    const idle = memoryOf(server.pid);
    resetPeak(server.pid);
    let peak = idle.rss;
    const sampler = setInterval(() => (peak = Math.max(peak, memoryOf(server.pid).rss)), 100);

    const started = process.hrtime.bigint();
    const res = await fetch(`${server.url}/api/v1/exports`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ flow: 'siuss.ps', params: PERIOD }),
    });
    if (res.status !== 202) throw new Error(`POST /api/v1/exports answered ${res.status}: ${await res.text()}`);
    const { id } = await res.json();
    let run;
    for (;;) {
      run = await (await fetch(`${server.url}/api/v1/exports/${id}`, { headers })).json();
      if (run.state === 'done' || run.state === 'failed') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const exportSeconds = seconds(started);
    clearInterval(sampler);
    const during = memoryOf(server.pid);
    if (run.state !== 'done') throw new Error(`the export failed: ${JSON.stringify(run.error)}`);

    mkdirSync(TMP, { recursive: true });
    const file = options.keep ?? join(TMP, 'SIUSS-PS.xml');
    const downloadStarted = process.hrtime.bigint();
    const download = await fetch(`${server.url}${run.fileUrl}`, { headers: { cookie } });
    if (download.status !== 200) throw new Error(`the download answered ${download.status}`);
    await pipeline(Readable.fromWeb(download.body), createWriteStream(file));
    const downloadSeconds = seconds(downloadStarted);
    const counts = await countElements(file);
    if (!options.keep) rmSync(file, { force: true });
    rmSync(exportsDir, { recursive: true, force: true });
    return {
      seconds: exportSeconds,
      downloadSeconds,
      idleRss: idle.rss,
      peakRss: Math.max(peak, during.peak),
      bytes: run.bytes,
      written: run.progress.done,
      ...counts,
      file: options.keep,
    };
  } finally {
    await server.stop();
  }
}

/** The floor: the same keyset walk in a bare pg process, each row's JSON written out as it comes. */
function measureBaseline(options) {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--baseline-child'], {
      env: { ...process.env, BENCH_DB_URL: options.databaseUrl, BENCH_OUT: join(TMP, 'baseline.jsonl') },
    });
    child.once('message', resolve);
    child.once('exit', (code) => (code ? reject(new Error(`the baseline exited with ${code}`)) : undefined));
  });
}

async function baselineChild() {
  const started = process.hrtime.bigint();
  mkdirSync(TMP, { recursive: true });
  const out = createWriteStream(process.env.BENCH_OUT);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  let rows = 0;
  await withClient(process.env.BENCH_DB_URL, async (client) => {
    const [{ id: ente }] = (await client.query(`select id from core.organization where code = 'demo-comune'`)).rows;
    let key = null;
    for (;;) {
      const { rows: batch } = await client.query(
        `select r.person_id::text as p, r.id::text as id, r.data::text as data from plg_siuss.record r
         where ente_org_id = $1 and kind = 'PS_PSA_SINA' and wanted and status not in ('incomplete', 'withdrawn')
           and reference_date >= to_date($2, 'YYYY-MM') and reference_date < to_date($3, 'YYYY-MM') + interval '1 month'
           ${key ? 'and (r.person_id, r.id) > ($4::uuid, $5::uuid)' : ''}
         order by r.person_id, r.id limit ${BATCH}`,
        key ? [ente, PERIOD.from, PERIOD.to, key[0], key[1]] : [ente, PERIOD.from, PERIOD.to],
      );
      if (!batch.length) break;
      let text = '';
      for (const row of batch) text += `${row.data}\n`;
      if (!out.write(text)) await new Promise((r) => out.once('drain', r));
      rows += batch.length;
      const last = batch[batch.length - 1];
      key = [last.p, last.id];
      if (batch.length < BATCH) break;
    }
  });
  await new Promise((r) => out.end(r));
  clearInterval(sampler);
  const result = { seconds: seconds(started), rows, peakRss: Math.max(peak, process.resourceUsage().maxRSS * 1024) };
  rmSync(process.env.BENCH_OUT, { force: true });
  process.send(result, () => process.exit(0));
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const print = options.json ? () => undefined : (text) => process.stdout.write(`${text}\n`);
  const seeded = options.fresh ? null : await seededRecords(options.databaseUrl);
  if (seeded !== options.records) await seed(options, print);
  const version = await withClient(options.databaseUrl, async (c) => (await c.query('select version() as v')).rows[0].v.split(' on ')[0]);
  print(machine(version));
  const baseline = await measureBaseline(options);
  // Twice: as `npm start` runs the server (its heap sized in package.json), and with V8 sizing the heap by itself,
  // which on a machine with plenty of memory lets garbage pile up for a few hundred MiB before a full collection.
  const flags = startFlags();
  const asStarted = await measureExport(options, flags.join(' '));
  const defaults = await measureExport(options, '');
  const check = (run) => ({
    count: run.prestazioni === options.records && run.written === options.records,
    time: run.seconds <= TARGET.seconds,
    memory: run.peakRss <= TARGET.rssBytes,
  });
  const ok = check(asStarted);
  const okDefaults = check(defaults);
  const figures = { records: options.records, flags, asStarted, defaults, baseline, ok, okDefaults };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    return;
  }
  const rate = (n, s) => `${Math.round(n / s).toLocaleString('en')}/s`;
  print(
    table(
      `SIUSS PS export through core's runner (siuss.ps) of ${options.records.toLocaleString('en')} records (period ${PERIOD.from} to ${PERIOD.to})`,
      [
        [
          'measure',
          `export, as npm start runs it (${flags.join(' ') || 'no V8 flags'})`,
          'export, V8 defaults',
          'baseline: bare pg read',
          'target',
        ],
        [
          'time',
          `${asStarted.seconds.toFixed(1)} s ${mark(ok.time)}`,
          `${defaults.seconds.toFixed(1)} s ${mark(okDefaults.time)}`,
          `${baseline.seconds.toFixed(1)} s`,
          `≤ ${TARGET.seconds} s`,
        ],
        [
          'records per second',
          rate(asStarted.written, asStarted.seconds),
          rate(defaults.written, defaults.seconds),
          rate(baseline.rows, baseline.seconds),
          '',
        ],
        [
          'peak resident memory',
          `${mib(asStarted.peakRss)} ${mark(ok.memory)}`,
          `${mib(defaults.peakRss)} ${mark(okDefaults.memory)}`,
          mib(baseline.peakRss),
          `≤ ${mib(TARGET.rssBytes)}`,
        ],
        ['server RSS before the export', mib(asStarted.idleRss), mib(defaults.idleRss), '', ''],
        ['file', `${(asStarted.bytes / 2 ** 20).toFixed(0)} MiB`, `${(defaults.bytes / 2 ** 20).toFixed(0)} MiB`, '', ''],
        ['download (streamed)', `${asStarted.downloadSeconds.toFixed(1)} s`, `${defaults.downloadSeconds.toFixed(1)} s`, '', ''],
        [
          'PrestazioniSociali / Beneficiario in the file',
          `${asStarted.prestazioni.toLocaleString('en')} / ${asStarted.beneficiari.toLocaleString('en')} ${mark(ok.count)}`,
          `${defaults.prestazioni.toLocaleString('en')} / ${defaults.beneficiari.toLocaleString('en')} ${mark(okDefaults.count)}`,
          `${baseline.rows.toLocaleString('en')} rows`,
          options.records.toLocaleString('en'),
        ],
      ],
    ),
  );
  if (!ok.count || !okDefaults.count) process.exitCode = 1;
}

if (process.argv.includes('--baseline-child')) {
  baselineChild().catch((error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  });
} else if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  });
}

module.exports = { parseArgs };
