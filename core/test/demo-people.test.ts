// SPDX-License-Identifier: AGPL-3.0-or-later
import { createTestApp, type TestApp, asOwner } from '../src/testing';
import { DEMO_DUPLICATE_PAIRS, DEMO_HOUSEHOLD_COUNT, DEMO_PEOPLE_COUNT, seedDemoPeople } from '../src/modules/people/demo';
import { validateCodiceFiscale, validateProvisionalCode } from '../src/modules/people/identity-codes';

const DEMO_ORGS = ['demo-comune', 'demo-pua', 'demo-segretariato', 'demo-comune-2', 'demo-comune-3'];
const RELATIONS = ['IS', 'CG', 'UC', 'CV', 'FG', 'GE', 'NO', 'NP', 'FR', 'AP', 'NR'];
const HOUSEHOLD_KINDS = ['anagrafico', 'convivente', 'altri-familiari', 'rete-amicale'];

/** `?, ?, ?` for an `in` list: the query layer would expand an array parameter itself. */
const list = (values: readonly unknown[]): string => values.map(() => '?').join(', ');

interface PersonRow {
  id: string;
  org: string;
  codice_fiscale: string | null;
  cf_canonical: string | null;
  provisional_kind: string | null;
  provisional_code: string | null;
  surname: string;
  name: string;
  sex: 'M' | 'F';
  birth_date: string | null;
  birth_place_code: string | null;
  citizenships: string[];
}

describe('the demo people', () => {
  let app: TestApp;
  let people: PersonRow[];
  beforeAll(async () => {
    app = await createTestApp();
    people = await asOwner(app, (em) =>
      em.execute<PersonRow[]>(
        `select p.id, o.code as org, p.codice_fiscale, p.cf_canonical, p.provisional_kind, p.provisional_code, p.surname, p.name, p.sex,
                to_char(p.birth_date, 'YYYY-MM-DD') as birth_date, p.birth_place_code, p.citizenships
         from core.person p join core.organization o on o.id = p.owner_org_id where o.code in (${list(DEMO_ORGS)})`,
        DEMO_ORGS,
      ),
    );
  });
  afterAll(() => app.close());

  it('are about 300 people, with valid and consistent codes', () => {
    expect(people).toHaveLength(DEMO_PEOPLE_COUNT);
    expect(DEMO_PEOPLE_COUNT).toBeGreaterThanOrEqual(280);
    expect(DEMO_PEOPLE_COUNT).toBeLessThanOrEqual(320);
    const withCf = people.filter((p) => p.codice_fiscale !== null);
    expect(withCf.length).toBeGreaterThan(250);
    for (const p of withCf) {
      const result = validateCodiceFiscale(p.codice_fiscale as string, {
        sex: p.sex,
        birthDate: p.birth_date as string,
        birthPlaceCode: p.birth_place_code as string,
        surname: p.surname,
        name: p.name,
      });
      expect({ who: `${p.surname} ${p.name}`, valid: result.valid, issues: result.issues }).toEqual({
        who: `${p.surname} ${p.name}`,
        valid: true,
        issues: [],
      });
      expect(p.cf_canonical).toBe(p.codice_fiscale);
      expect(p.provisional_kind).toBeNull();
    }
    for (const p of people.filter((p) => p.codice_fiscale === null)) {
      if (p.provisional_kind === 'unknown') {
        expect(p.provisional_code).toBeNull();
      } else {
        const result = validateProvisionalCode(p.provisional_code as string);
        expect({ code: p.provisional_code, valid: result.valid, kind: result.kind }).toEqual({
          code: p.provisional_code,
          valid: true,
          kind: p.provisional_kind,
        });
      }
    }
    const kinds = (kind: string): number => people.filter((p) => p.provisional_kind === kind).length;
    expect([kinds('stp'), kinds('eni'), kinds('temporary'), kinds('unknown')].every((n) => n >= 1)).toBe(true);
    for (const p of people) {
      if (p.birth_date !== null) expect(p.birth_date >= '1930-01-01' && p.birth_date <= '2024-12-31').toBe(true);
      for (const c of p.citizenships) expect(c).toMatch(/^[0-9]{3}$/);
    }
    // Spread over the organizations that exist, the comune holding the most.
    const orgs = new Set(people.map((p) => p.org));
    expect(orgs.has('demo-comune') && orgs.has('demo-pua') && orgs.has('demo-segretariato')).toBe(true);
  });

  it('are born in places the territory knows', async () => {
    const codes = [...new Set(people.map((p) => p.birth_place_code).filter((c): c is string => c !== null))];
    expect(codes.some((c) => c.startsWith('Z'))).toBe(true);
    const missing = await asOwner(app, async (em) => {
      const [tables] = await em.execute<{ municipality: string | null; foreign_state: string | null }[]>(
        `select to_regclass('core.municipality')::text as municipality, to_regclass('core.foreign_state')::text as foreign_state`,
      );
      // The territory tables arrive with their own migration; without them there is nothing to check against.
      if (!tables?.municipality || !tables.foreign_state) return null;
      const known = await em.execute<{ code: string }[]>(
        `select belfiore_code::text as code from core.municipality where belfiore_code in (${list(codes)})
         union select belfiore_code::text from core.foreign_state where belfiore_code in (${list(codes)})`,
        [...codes, ...codes],
      );
      const found = new Set(known.map((k) => k.code));
      return codes.filter((c) => !found.has(c));
    });
    if (missing !== null) expect(missing).toEqual([]);
  });

  it('live in about 90 households whose members fit together', async () => {
    const { households, members } = await asOwner(app, async (em) => ({
      households: await em.execute<{ id: string; kind: string; owner_org_id: string }[]>(
        `select h.id, h.kind, h.owner_org_id from core.household h join core.organization o on o.id = h.owner_org_id
         where o.code in (${list(DEMO_ORGS)})`,
        DEMO_ORGS,
      ),
      members: await em.execute<
        {
          household_id: string;
          owner_org_id: string;
          relation_code: string;
          valid_from: string;
          valid_to: string | null;
          person_id: string;
          birth_date: string | null;
        }[]
      >(
        `select m.household_id, m.owner_org_id, m.relation_code, to_char(m.valid_from, 'YYYY-MM-DD') as valid_from,
                to_char(m.valid_to, 'YYYY-MM-DD') as valid_to, m.person_id, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date
         from core.household_member m join core.person p on p.id = m.person_id join core.organization o on o.id = m.owner_org_id
         where o.code in (${list(DEMO_ORGS)})`,
        DEMO_ORGS,
      ),
    }));
    expect(households).toHaveLength(DEMO_HOUSEHOLD_COUNT);
    expect(DEMO_HOUSEHOLD_COUNT).toBeGreaterThanOrEqual(80);
    expect(DEMO_HOUSEHOLD_COUNT).toBeLessThanOrEqual(100);
    for (const kind of HOUSEHOLD_KINDS) expect(households.some((h) => h.kind === kind)).toBe(true);
    expect(households.filter((h) => h.kind === 'anagrafico').length).toBeGreaterThan(households.length / 2);

    const byHousehold = new Map<string, typeof members>();
    for (const m of members) byHousehold.set(m.household_id, [...(byHousehold.get(m.household_id) ?? []), m]);
    for (const h of households) {
      const rows = byHousehold.get(h.id) ?? [];
      const heads = rows.filter((m) => m.relation_code === 'IS');
      expect(heads).toHaveLength(1);
      const head = heads[0] as (typeof rows)[number];
      for (const m of rows) {
        expect(RELATIONS).toContain(m.relation_code);
        expect(m.owner_org_id).toBe(h.owner_org_id);
        // Nobody joins before being born; children are at least 15 years younger than the head,
        // grandchildren 30, and parents and grandparents older.
        if (m.birth_date !== null) expect(m.valid_from >= m.birth_date).toBe(true);
        const gap = (years: number): boolean =>
          m.birth_date !== null &&
          head.birth_date !== null &&
          m.birth_date >= `${Number(head.birth_date.slice(0, 4)) + years}${head.birth_date.slice(4)}`;
        if (m.relation_code === 'FG') expect(gap(15)).toBe(true);
        if (m.relation_code === 'NP') expect(gap(30)).toBe(true);
        if (m.relation_code === 'GE' || m.relation_code === 'NO')
          expect(m.birth_date !== null && m.birth_date < (head.birth_date as string)).toBe(true);
      }
    }
    // Histories: somebody left (a grown child moved out, a spouse died), somebody joined in 2024.
    expect(members.some((m) => m.relation_code === 'FG' && m.valid_to !== null && m.valid_to.startsWith('2023'))).toBe(true);
    expect(members.some((m) => m.valid_from.startsWith('2024') && m.relation_code !== 'IS')).toBe(true);
    // Everybody in a household is a demo person; a person may be in a family and in a network.
    const ids = new Set(people.map((p) => p.id));
    expect(members.every((m) => ids.has(m.person_id))).toBe(true);
  });

  it('include the planted duplicates, and no other candidate pair', async () => {
    const pairs = await asOwner(app, (em) =>
      em.execute<{ a: string; b: string; same_org: boolean; same_name: boolean }[]>(
        `select a.surname || '|' || a.name || '|' || to_char(a.birth_date, 'YYYY-MM-DD') as a,
                b.surname || '|' || b.name || '|' || to_char(b.birth_date, 'YYYY-MM-DD') as b,
                a.owner_org_id = b.owner_org_id as same_org, a.search_name = b.search_name as same_name
         from core.person a join core.person b on a.birth_date = b.birth_date and a.id < b.id
         where a.merged_into is null and b.merged_into is null
           and (a.search_name = b.search_name
                or (a.birth_place_code = b.birth_place_code and public.similarity(a.search_name, b.search_name) >= 0.45))`,
      ),
    );
    const key = (r: { surname: string; name: string; birthDate: string }): string => `${r.surname}|${r.name}|${r.birthDate}`;
    const found = pairs.map((p) => [[p.a, p.b].sort().join(' ~ '), p.same_org, p.same_name]);
    const expected = DEMO_DUPLICATE_PAIRS.map((p) => [
      [key(p.a), key(p.b)].sort().join(' ~ '),
      p.sameOrganization,
      p.match === 'same-name',
    ]);
    expect(found.sort()).toEqual(expected.sort());
    // Half the pairs across organizations: the queue must look beyond one organization.
    expect(DEMO_DUPLICATE_PAIRS.filter((p) => p.sameOrganization).length).toBe(DEMO_DUPLICATE_PAIRS.length / 2);
  });

  it('are the same people on a fresh run, seeded quickly', async () => {
    const rollback = new Error('rollback');
    let result: { added: number; ms: number; cfs: string[] } | undefined;
    // Emptied and seeded again inside a transaction that is then rolled back, so the other tests keep theirs.
    await expect(
      asOwner(app, async (em) => {
        const orgs = `(select id from core.organization where code in (${list(DEMO_ORGS)}))`;
        // The demo's front-desk contacts and cartelle point at the demo people: they go first.
        for (const table of [
          'plan_review',
          'plan_goal',
          'plan',
          'delivery',
          'intervention_transition',
          'intervention',
          'assessment',
          'alert',
          'diary_note',
          'cartella_document',
          'consent',
          'cartella_share',
          'person_share',
          'cartella_transition',
          'cartella_team',
          'access_contact',
          'cartella',
          'cartella_counter',
          'isee',
          'disability_record',
        ]) {
          await em.execute(`delete from core.${table} where owner_org_id in ${orgs}`, DEMO_ORGS);
        }
        await em.execute(`delete from core.household_member where owner_org_id in ${orgs}`, DEMO_ORGS);
        await em.execute(`delete from core.household where owner_org_id in ${orgs}`, DEMO_ORGS);
        await em.execute(`delete from core.person where owner_org_id in ${orgs}`, DEMO_ORGS);
        const started = Date.now();
        const added = await seedDemoPeople(em);
        const ms = Date.now() - started;
        const rows = await em.execute<{ cf: string }[]>('select codice_fiscale as cf from core.person where codice_fiscale is not null');
        result = { added, ms, cfs: rows.map((r) => r.cf).sort() };
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(result?.added).toBe(DEMO_PEOPLE_COUNT);
    expect(result?.cfs).toEqual(
      people
        .map((p) => p.codice_fiscale)
        .filter((cf) => cf !== null)
        .sort(),
    );
    expect(result?.ms).toBeLessThan(10_000);
  });

  it('are seeded once: a second run adds nothing', async () => {
    const { added, count } = await asOwner(app, async (em) => {
      const added = await seedDemoPeople(em);
      const [row] = await em.execute<{ n: number }[]>('select count(*)::int as n from core.person');
      return { added, count: row?.n };
    });
    expect(added).toBe(0);
    expect(count).toBe(DEMO_PEOPLE_COUNT);
  });
});
