// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Smoke run of the benchmark seed (bench/seed.js): 100 people into a fresh database (the test server when
 * configured, else PGlite), then what the benchmarks rely on: counts, valid codici fiscali, the heavy
 * cartella's shape, planted duplicates, and determinism (same seed and database → same codes).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { createTestDatabase } from '../../core/src/testing';
import {
  canonicalCodiceFiscale,
  computeCodiceFiscale,
  isCodiceFiscaleWellFormed,
  type Sex,
} from '../../core/src/modules/people/identity-codes';

const SEED = join(__dirname, '..', '..', 'bench', 'seed.js');
const run = promisify(execFile);

interface Summary {
  counts: Record<string, number> & { person: number; cartella: number; planted_duplicate: number };
  heavyCartellaId: string;
  firstCodiciFiscali: string[];
}

async function seed(url: string, ...args: string[]): Promise<Summary> {
  const { stdout } = await run(process.execPath, [SEED, '--database-url', url, '--json', ...args], { maxBuffer: 1 << 24 });
  const line = stdout.trim().split('\n').pop()!;
  return JSON.parse(line) as Summary;
}

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let summary: Summary;

beforeAll(async () => {
  db = await createTestDatabase();
  summary = await seed(db.url, '--people', '100', '--seed', '7');
}, 120_000);

afterAll(async () => {
  await db?.stop();
});

/** One connection at a time (PGlite serves one), closed after each query group. */
async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

test('seeds about the people asked for, with their households, cartelle and bookkeeping', async () => {
  expect(summary.counts.person).toBeGreaterThanOrEqual(100);
  expect(summary.counts.person).toBeLessThan(120);
  const [row] = await query<{ people: string; members: string; cartelle: string; planted: string; meta: string }>(
    `select (select count(*) from core.person where id in (select person_id from core.household_member)) as members,
            (select count(*) from core.person) as people,
            (select count(*) from core.cartella) as cartelle,
            (select count(*) from bench.planted_duplicate) as planted,
            (select value from bench.meta where key = 'people') as meta`,
  );
  expect(Number(row!.people)).toBeGreaterThanOrEqual(summary.counts.person);
  expect(Number(row!.members)).toBeGreaterThanOrEqual(90);
  expect(Number(row!.cartelle)).toBeGreaterThanOrEqual(summary.counts.cartella);
  expect(Number(row!.planted)).toBe(summary.counts.planted_duplicate);
  expect(row!.meta).toBe(String(summary.counts.person));
});

test('every seeded codice fiscale is well formed and encodes the person it belongs to', async () => {
  const people = await query<{
    codice_fiscale: string;
    cf_canonical: string;
    surname: string;
    name: string;
    sex: Sex;
    birth: string;
    place: string;
  }>(
    `select codice_fiscale, cf_canonical, surname, name, sex, to_char(birth_date, 'YYYY-MM-DD') as birth, birth_place_code as place
     from core.person where codice_fiscale = any ($1::text[])`,
    [summary.firstCodiciFiscali],
  );
  expect(people).toHaveLength(10);
  for (const p of people) {
    expect(isCodiceFiscaleWellFormed(p.codice_fiscale)).toBe(true);
    expect(p.cf_canonical).toBe(canonicalCodiceFiscale(p.codice_fiscale));
    const expected = computeCodiceFiscale({ surname: p.surname, name: p.name, sex: p.sex, birthDate: p.birth, birthPlaceCode: p.place });
    expect(canonicalCodiceFiscale(p.codice_fiscale)).toBe(expected);
  }
});

test('the heavy cartella has a household, 50 interventions, 100 diary notes and 5 assessments', async () => {
  const [heavy] = await query<{ notes: string; interventions: string; assessments: string; household: string }>(
    `select (select count(*) from core.diary_note where cartella_id = c.id) as notes,
            (select count(*) from core.intervention where cartella_id = c.id) as interventions,
            (select count(*) from core.assessment where cartella_id = c.id) as assessments,
            (select count(*) from core.household_member m
             where m.household_id in (select household_id from core.household_member where person_id = c.person_id)) as household
     from core.cartella c where c.id = (select value::uuid from bench.meta where key = 'heavy_cartella_id')`,
  );
  expect(heavy).toEqual({ notes: '100', interventions: '50', assessments: '5', household: expect.any(String) });
  expect(Number(heavy!.household)).toBeGreaterThanOrEqual(3);
});

test('planted duplicates point at a person registered twice', async () => {
  const pairs = await query<{ a: string; b: string; birth_a: string; birth_b: string }>(
    `select a.search_name as a, b.search_name as b, a.birth_date::text as birth_a, b.birth_date::text as birth_b
     from bench.planted_duplicate d join core.person a on a.id = d.original_id join core.person b on b.id = d.duplicate_id`,
  );
  for (const p of pairs) expect(p.birth_b).toBe(p.birth_a);
});

test('the same seed on the same database gives the same codici fiscali, another seed others', async () => {
  const again = await run(process.execPath, [SEED, '--database-url', db.url, '--people', '100', '--seed', '7', '--dry-run']);
  expect((JSON.parse(again.stdout.trim()) as Summary).firstCodiciFiscali).toEqual(summary.firstCodiciFiscali);
  const other = await run(process.execPath, [SEED, '--database-url', db.url, '--people', '100', '--seed', '8', '--dry-run']);
  expect((JSON.parse(other.stdout.trim()) as Summary).firstCodiciFiscali).not.toEqual(summary.firstCodiciFiscali);
});
