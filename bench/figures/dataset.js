// SPDX-License-Identifier: AGPL-3.0-or-later
'use strict';
/**
 * The database a run measures and the samples drawn from it: where it lives, seeding it through
 * bench/seed.js when it holds fewer people than wanted, the heavy cartella, and the search and
 * duplicate-check inputs, drawn deterministically from the seeded people (same data, same samples).
 */
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { Client } = require('pg');
// The seed's own PRNG: every run draws the same samples.
const { mulberry32: random } = require('../seed/prng');

const ROOT = join(__dirname, '..', '..');
const SEED = join(ROOT, 'bench', 'seed.js');

/** PostgreSQL: DATABASE_URL or a database of its own per size; PGlite: a folder under bench/.tmp/. */
function targetFor(options) {
  if (options.pglite) {
    const dataDir = options.dataDir ?? join(ROOT, 'bench', '.tmp', `pglite-${options.people}`);
    mkdirSync(dataDir, { recursive: true });
    return { dataDir, label: `PGlite in ${dataDir}` };
  }
  const url = options.databaseUrl ?? `postgres://postgres@127.0.0.1:5432/sigess_bench_${options.people}`;
  return { url, label: `PostgreSQL ${url.replace(/\/\/[^@]*@/, '//')}` };
}

async function createDatabaseIfMissing(url) {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.slice(1));
  parsed.pathname = '/postgres';
  const admin = new Client({ connectionString: parsed.toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await admin.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}

/**
 * Runs `work(client)` on an owner connection to the target: the server's, or an embedded PGlite
 * opened for the time of the work (one process holds its folder at a time).
 */
async function withOwner(target, work) {
  let embedded = null;
  let url = target.url;
  if (!url) {
    require(join(ROOT, 'core', 'bin', 'build.js')).ensureBuilt();
    embedded = await require(join(ROOT, 'core', 'dist', 'db', 'embedded.js')).startEmbeddedDatabase(target.dataDir);
    url = embedded.url;
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
    if (embedded) await embedded.stop();
  }
}

/** How many people bench/seed.js put in (bench.meta), or for a database it did not seed, how many there are. */
async function peopleCount(client) {
  const { rows } = await client.query(
    `select to_regclass('core.person') is not null as ready, to_regclass('bench.meta') is not null as bench`,
  );
  if (!rows[0].ready) return { people: 0, bench: false };
  if (rows[0].bench) {
    const meta = await client.query(`select value from bench.meta where key = 'people'`);
    if (meta.rows.length) return { people: Number(meta.rows[0].value), bench: true };
  }
  const exact = await client.query('select count(*)::int as n from core.person');
  return { people: exact.rows[0].n, bench: false };
}

/**
 * Seeds through bench/seed.js unless the database already holds (about) the wanted number of people;
 * a database the seed filled with another size is seeded again from scratch (--fresh).
 */
async function ensureSeeded(target, people, log, quiet = false) {
  if (target.url) await createDatabaseIfMissing(target.url);
  const have = await withOwner(target, peopleCount);
  if (have.people >= people * 0.9) return { seeded: false, people: have.people };
  if (!existsSync(SEED)) throw new Error(`the database holds ${have.people} people, fewer than ${people}, and bench/seed.js is missing`);
  if (have.people > 0 && !have.bench) {
    throw new Error(`the database holds ${have.people} people not seeded by bench/seed.js: give an empty or a bench database`);
  }
  log(`seeding ${people} people (the database holds ${have.people})…`);
  const args = [SEED, '--people', String(people)];
  if (have.bench) args.push('--fresh');
  if (target.url) args.push('--database-url', target.url);
  else args.push('--pglite', target.dataDir);
  const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });
  if (run.status !== 0) throw new Error(`bench/seed.js failed (${run.status})`);
  // Rows loaded by COPY sit in the trigram indexes' GIN pending lists until a vacuum merges them; a
  // server's autovacuum gets there eventually, and meanwhile every name search scans the list (15 ms on
  // 10k people, the planner then preferring a sequential scan): measure the database as it settles.
  await withOwner(target, (client) => client.query('vacuum analyze core.person, core.household, core.cartella, core.diary_note'));
  return { seeded: true, people: (await withOwner(target, peopleCount)).people };
}

/** Without accents, as an operator typing on a keyboard without them would search. */
const plain = (s) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/'/g, '');

/** One typo: two neighbouring letters swapped, a letter doubled or a letter dropped. */
function typo(word, rand) {
  if (word.length < 4) return word;
  const i = 1 + Math.floor(rand() * (word.length - 2));
  const kind = Math.floor(rand() * 3);
  if (kind === 0) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  if (kind === 1) return word.slice(0, i) + word[i] + word.slice(i);
  return word.slice(0, i) + word.slice(i + 1);
}

/** Everything the figures draw from the seeded data. */
async function drawSamples(target, count, seed = 6) {
  return withOwner(target, async (client) => {
    const rand = random(seed);
    const bench = (await client.query(`select to_regclass('bench.planted_duplicate') is not null as ok`)).rows[0].ok;
    // The heavy cartella the seed plants (50 interventions, 100 notes, 5 assessments); elsewhere, the one with the most notes.
    const heavyId = bench
      ? ((await client.query(`select value from bench.meta where key = 'heavy_cartella_id'`)).rows[0]?.value ?? null)
      : null;
    const heavy = await client.query(
      `select c.id::text, c.owner_org_id::text as "ownerOrgId",
         (select count(*)::int from core.diary_note n where n.cartella_id = c.id) as notes,
         (select count(*)::int from core.intervention i where i.cartella_id = c.id) as interventions,
         (select count(*)::int from core.assessment a where a.person_id = c.person_id) as assessments
       from core.cartella c
       where c.id = coalesce($1::uuid,
         (select cartella_id from core.diary_note group by cartella_id order by count(*) desc, cartella_id limit 1))`,
      [heavyId],
    );
    const cartella = heavy.rows[0] ?? null;
    // Who signs in: a demo operator with a role in the cartella's organization (the demo accounts share one password).
    let user = { username: 'assistente', membershipId: null, orgId: null };
    if (cartella) {
      const who = await client.query(
        `with recursive up(id, parent_id, depth) as (
           select id, parent_id, 0 from core.organization where id = $1
           union all select o.id, o.parent_id, up.depth + 1 from core.organization o join up on o.id = up.parent_id
         )
         select o.username, m.id::text as "membershipId", m.organization_id::text as "orgId"
         from core.operator o join core.membership m on m.operator_id = o.id join up on up.id = m.organization_id
         join core.role_permission rp on rp.role_id = m.role_id and rp.permission_id = 'core.cartella.diary'
         where o.password_hash is not null order by up.depth, (o.username = 'assistente') desc, o.username limit 1`,
        [cartella.ownerOrgId],
      );
      user = who.rows[0] ?? user;
    }
    const total = (await client.query('select count(*)::int as n from core.person where codice_fiscale is not null')).rows[0].n;
    const step = Math.max(1, Math.floor(total / (count * 3)));
    const { rows: people } = await client.query(
      `select codice_fiscale as cf, surname, name, to_char(birth_date, 'YYYY-MM-DD') as "birthDate", birth_place_code as "birthPlaceCode", sex
       from (select p.*, row_number() over (order by codice_fiscale) as rn from core.person p
             where codice_fiscale is not null and merged_into is null) x
       where rn % $1 = 0 order by rn limit $2`,
      [step, count * 3],
    );
    if (!people.length) throw new Error('no people with a codice fiscale in the database: seed it first');
    const pick = () => people[Math.floor(rand() * people.length)];
    const search = [];
    for (let i = 0; i < count; i += 1) {
      const p = pick();
      search.push({ kind: 'cf', q: p.cf, floor: p.cf });
      const prefix = p.cf.slice(0, 6 + Math.floor(rand() * 6));
      search.push({ kind: 'prefix', q: prefix, floor: prefix });
      const words = `${plain(p.surname)} ${typo(plain(p.name), rand)}`;
      search.push({ kind: 'fuzzy', q: words.toLowerCase(), floor: words.toLowerCase() });
    }
    // Near-duplicates: those the seed planted (typed again with a typo, without accents, name and surname
    // swapped, or without the code), as an operator would type them; elsewhere, a person typed again without
    // the code and with the surname mistyped. Fresh people: a name and a birth date no one has.
    const dedup = [];
    const planted = bench
      ? (
          await client.query(
            `select d.codice_fiscale as cf, d.surname, d.name, to_char(d.birth_date, 'YYYY-MM-DD') as "birthDate",
               d.birth_place_code as "birthPlaceCode", d.sex
             from bench.planted_duplicate pd join core.person d on d.id = pd.duplicate_id
             order by pd.duplicate_id limit $1`,
            [count],
          )
        ).rows
      : [];
    for (const d of planted) {
      dedup.push({
        kind: 'near-duplicate',
        input: {
          identityKind: d.cf ? 'cf' : 'unknown',
          codiceFiscale: d.cf,
          surname: d.surname,
          name: d.name,
          sex: d.sex,
          birthDate: d.birthDate,
          birthPlaceCode: d.birthPlaceCode,
          citizenships: [],
          contacts: [],
        },
      });
    }
    for (let i = 0; i < count; i += 1) {
      const p = pick();
      if (!planted.length)
        dedup.push({
          kind: 'near-duplicate',
          input: {
            identityKind: 'unknown',
            surname: typo(p.surname, rand),
            name: p.name,
            sex: p.sex,
            birthDate: p.birthDate,
            birthPlaceCode: p.birthPlaceCode,
            citizenships: [],
            contacts: [],
          },
        });
      const q = pick();
      const year = 1930 + Math.floor(rand() * 90);
      dedup.push({
        kind: 'fresh',
        input: {
          identityKind: 'unknown',
          surname: `${typo(pick().surname, rand)}${'aeiou'[i % 5]}tti`,
          name: q.name,
          sex: q.sex,
          birthDate: `${year}-0${1 + (i % 9)}-1${i % 10}`,
          birthPlaceCode: null,
          citizenships: [],
          contacts: [],
        },
      });
    }
    const version = (await client.query('show server_version')).rows[0].server_version;
    return { cartella, user, search, dedup, version: `PostgreSQL ${version}` };
  });
}

module.exports = { targetFor, ensureSeeded, drawSamples, withOwner };
