// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Requirement } from '../../sdk/extension-points/catalogue';
import { nationalCode } from './nomenclature';
import { localToday } from '../../sdk/local-time';

/**
 * Demo data for the catalogue and eligibility: the demo organizations' offers (the ambito's, which its
 * comuni inherit, and the comune's own), ISEE attestations for some households of the comune (below,
 * between and above the ceilings, one expired, some missing) and a few disability certifications, so
 * the eligibility page shows pass, fail and unknown with the demo logins. Everything is fictional.
 */

interface DemoOffer {
  readonly org: string;
  readonly inps: string;
  readonly unitCost: number | null;
  readonly yearlyBudget: number;
  readonly capacity: number | null;
  readonly requirements: readonly Requirement[];
}

const OFFERS: readonly DemoOffer[] = [
  {
    org: 'demo-ambito',
    inps: 'A2.07',
    unitCost: 21.5,
    yearlyBudget: 180_000,
    capacity: 40,
    requirements: [
      { rule: 'core.age-range', params: { min: 65 } },
      { rule: 'core.residence', params: {} },
      { rule: 'core.isee-ceiling', params: { types: ['ordinario', 'socio-sanitario'], max: 25_000 } },
    ],
  },
  {
    org: 'demo-ambito',
    inps: 'A1.11',
    unitCost: null,
    yearlyBudget: 90_000,
    capacity: null,
    requirements: [
      { rule: 'core.disability', params: { minPercent: 74 } },
      { rule: 'core.residence', params: {} },
      { rule: 'core.isee-ceiling', params: { types: ['socio-sanitario'], max: 30_000 } },
    ],
  },
  {
    org: 'demo-comune',
    inps: 'A1.04',
    unitCost: null,
    yearlyBudget: 60_000,
    capacity: null,
    requirements: [
      { rule: 'core.residence', params: {} },
      { rule: 'core.isee-ceiling', params: { types: ['ordinario', 'corrente'], max: 10_000 } },
    ],
  },
  {
    org: 'demo-comune',
    inps: 'A2.02',
    unitCost: 24,
    yearlyBudget: 45_000,
    capacity: 15,
    requirements: [
      { rule: 'core.household-with-minors', params: {} },
      { rule: 'core.residence', params: {} },
      { rule: 'core.isee-ceiling', params: { types: ['ordinario', 'minorenni'], max: 20_000 } },
    ],
  },
];

/** ISEE values given to the comune's households in turn; null: no attestation on record; 'expired': last year's only. */
const ISEE_CYCLE: readonly (number | null | 'expired')[] = [6_850.4, 12_300, 18_900, 31_200, null, 'expired', 9_120, 24_750, null];

/** Certifications of a few of the comune's older people: percent, L. 104 comma, accompaniment. */
const CERTIFICATIONS: readonly { percent: number | null; law104: 'c1' | 'c3' | null; accompaniment: boolean }[] = [
  { percent: 100, law104: 'c3', accompaniment: true },
  { percent: 75, law104: 'c1', accompaniment: false },
  { percent: 50, law104: null, accompaniment: false },
];

const iso = (date: Date): string => date.toISOString().slice(0, 10);

/** Adds what is missing; running it twice adds nothing. Runs as the database owner, after the demo people. Returns the rows added. */
export async function seedDemoCatalogue(em: EntityManager): Promise<number> {
  const orgs = new Map(
    (
      await em.execute<{ id: string; code: string }[]>(
        `select id::text as id, code from core.organization where code in ('demo-ambito', 'demo-comune')`,
      )
    ).map((o) => [o.code, o.id]),
  );
  const comune = orgs.get('demo-comune');
  if (!comune) return 0;
  let added = 0;
  for (const offer of OFFERS) {
    const org = orgs.get(offer.org);
    if (!org) continue;
    const rows = await em.execute(
      `insert into core.service_offer (owner_org_id, entry_code, unit_cost, yearly_budget, capacity, requirements)
       values (?, ?, ?, ?, ?, ?::jsonb) on conflict (owner_org_id, entry_code) do nothing returning id`,
      [org, nationalCode(offer.inps), offer.unitCost, offer.yearlyBudget, offer.capacity, JSON.stringify(offer.requirements)],
    );
    added += rows.length;
  }

  const [seeded] = await em.execute<{ found: boolean }[]>('select exists (select from core.isee where owner_org_id = ?) as found', [
    comune,
  ]);
  if (seeded?.found) return added;

  // Valid today whenever the demo is loaded: issued a few weeks back (not before 1 January), until 31 December.
  const today = localToday();
  const year = Number(today.slice(0, 4));
  const weeksBack = iso(new Date(Date.parse(`${today}T00:00:00Z`) - 20 * 86_400_000));
  const issuedOn = weeksBack < `${today.slice(0, 4)}-01-01` ? `${today.slice(0, 4)}-01-01` : weeksBack;
  // The comune's households and its desks' (whose people often live in the comuni around: the residence requirement fails).
  const households = await em.execute<{ id: string; owner: string; person: string }[]>(
    `select h.id::text as id, h.owner_org_id::text as owner,
            (select m.person_id::text from core.household_member m
             where m.household_id = h.id and m.valid_to is null order by m.relation_code <> 'IS', m.valid_from limit 1) as person
     from core.household h join core.organization o on o.id = h.owner_org_id
     where (o.id = ? or o.parent_id = ?) and h.kind = 'anagrafico' order by h.id`,
    [comune, comune],
  );
  let n = 0;
  for (const [i, household] of households.entries()) {
    const value = ISEE_CYCLE[i % ISEE_CYCLE.length];
    if (value === null || value === undefined || !household.person) continue;
    n += 1;
    const expired = value === 'expired';
    const protocol = `INPS-ISEE-${expired ? year - 1 : year}-${String(4_100_000 + n).padStart(9, '0')}-00`;
    await em.execute(
      `insert into core.isee (owner_org_id, person_id, household_id, isee_type, isee_value, ise_value, equivalence_scale, dsu_protocol, issued_on, expires_on)
       values (?, ?, ?, 'ordinario', ?, ?, 1.57, ?, ?, ?)`,
      [
        household.owner,
        household.person,
        household.id,
        expired ? 8_400 : value,
        Math.round((expired ? 8_400 : value) * 1.57 * 100) / 100,
        protocol,
        expired ? `${year - 1}-03-10` : issuedOn,
        expired ? `${year - 1}-12-31` : `${year}-12-31`,
      ],
    );
    added += 1;
  }

  const elderly = await em.execute<{ id: string }[]>(
    `select p.id::text as id from core.person p
     where p.owner_org_id = ? and p.birth_date <= core.local_today() - interval '70 years' and p.deceased_date is null and p.merged_into is null
     order by p.id limit ?`,
    [comune, CERTIFICATIONS.length],
  );
  for (const [i, person] of elderly.entries()) {
    const c = CERTIFICATIONS[i]!;
    await em.execute(
      `insert into core.disability_record (owner_org_id, person_id, invalidity_percent, law104, accompaniment, certified_on, expires_on)
       values (?, ?, ?, ?, ?, ?, ?)`,
      [comune, person.id, c.percent, c.law104, c.accompaniment, `${year - 2}-05-20`, i === 1 ? `${year + 1}-05-20` : null],
    );
    added += 1;
    if (i > 0) continue;
    // The most severe case also has the socio-sanitario ISEE the ambito's autonomy grant asks for: every requirement passes.
    await em.execute(
      `insert into core.isee (owner_org_id, person_id, isee_type, isee_value, ise_value, equivalence_scale, dsu_protocol, issued_on, expires_on)
       values (?, ?, 'socio-sanitario', 14200, 14200, 1, ?, ?, ?)`,
      [comune, person.id, `INPS-ISEE-${year}-004199999-01`, issuedOn, `${year}-12-31`],
    );
    added += 1;
  }
  return added;
}
