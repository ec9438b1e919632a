// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The demo's interventions (core/src/modules/interventions/demo.ts) as the app would have recorded them: one state
 * machine walk per history, decisions with their acts, amounts priced from the offers, the eligibility check of the
 * request day, deliveries while active; the people a national record names carry what it needs; the demo comuni
 * have their codice fiscale. Read back through the API as the service manager sees them.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { createTestApp, type TestApp } from '../src/testing';
import { seedDemoInterventions } from '../src/modules/interventions/demo';
import { MOVE_RULES } from '../src/modules/interventions/states';
import { validateProvisionalCode } from '../src/modules/people/identity-codes';
import { client } from './cartella-helpers';

interface Row {
  id: string;
  area: string;
  service: string;
  state: string;
  quantity: number;
  amount: number;
  unit: string;
  unit_cost: number | null;
  requirements: { rule: string }[];
  eligibility_outcome: string;
  eligibility: { rule: string; outcome: string; reason: string }[];
  decision_act: string | null;
  decision_on: string | null;
  version: number;
  person: {
    birthDate: string | null;
    birthPlace: string | null;
    sex: string | null;
    citizenships: string[];
    residence: { comuneCode?: string } | null;
    codiceFiscale: string | null;
  };
  history: { from: string | null; to: string; on: string; act: string | null; reason: string | null }[];
  deliveries: { from: string; to: string; quantity: number; amount: number }[];
}

describe('the demo interventions', () => {
  let app: TestApp;
  let rows: Row[];
  const asOwner = <R>(work: (em: EntityManager) => Promise<R>): Promise<R> =>
    app.platform.orm.em.fork().transactional(async (em) => {
      await em.execute('reset role');
      const result = await work(em);
      await em.execute(`set role ${app.platform.config.appRole}`);
      return result;
    });

  beforeAll(async () => {
    app = await createTestApp();
    rows = await asOwner((em) =>
      em.execute<Row[]>(
        `select i.id::text as id, k.area, i.entry_code as service, i.state, i.quantity::float8 as quantity, i.amount::float8 as amount, i.unit,
                s.unit_cost::float8 as unit_cost, s.requirements, i.eligibility_outcome, i.eligibility, i.decision_act,
                to_char(i.decision_on, 'YYYY-MM-DD') as decision_on, i.version,
                json_build_object('birthDate', p.birth_date, 'birthPlace', p.birth_place_code, 'sex', p.sex, 'citizenships', p.citizenships,
                  'residence', p.residence, 'codiceFiscale', p.codice_fiscale) as person,
                (select json_agg(json_build_object('from', t.from_state, 'to', t.to_state, 'on', to_char(t.on_date, 'YYYY-MM-DD'), 'act', t.act,
                   'reason', t.reason) order by t.at, t.id) from core.intervention_transition t where t.intervention_id = i.id) as history,
                coalesce((select json_agg(json_build_object('from', to_char(d.period_from, 'YYYY-MM-DD'), 'to', to_char(d.period_to, 'YYYY-MM-DD'),
                   'quantity', d.quantity, 'amount', d.amount) order by d.period_from) from core.delivery d where d.intervention_id = i.id), '[]') as deliveries
         from core.intervention i
         join core.cartella k on k.id = i.cartella_id and k.person_id = i.person_id
         join core.person p on p.id = i.person_id
         join core.organization o on o.id = i.owner_org_id and o.code = 'demo-comune'
         -- The offer that applies: the comune's own, else the ambito's.
         join lateral (select x.unit_cost, x.requirements from core.service_offer x join core.organization xo on xo.id = x.owner_org_id
                       where x.entry_code = i.entry_code and xo.code in ('demo-comune', 'demo-ambito')
                       order by xo.code = 'demo-comune' desc limit 1) s on true
         order by i.requested_on`,
      ),
    );
  });
  afterAll(() => app.close());

  it('are the services of each cartella, in the states the demo tells', () => {
    expect(rows.map((r) => `${r.area} ${r.service} ${r.state}`).sort()).toEqual([
      'anziani core.A1.11 requested',
      'anziani core.A2.07 active',
      'disabili core.A1.11 suspended',
      'famiglia-minori core.A2.02 active',
      'poverta core.A1.04 concluded',
    ]);
  });

  it('went through the state machine, with an act for each decision and a reason for each suspension', () => {
    for (const r of rows) {
      expect(r.history[0]).toMatchObject({ from: null, to: 'requested' });
      for (const [i, step] of r.history.entries()) {
        if (i === 0) continue;
        const move = Object.values(MOVE_RULES).find((m) => m.from.includes(step.from as never) && m.to === step.to);
        expect({ service: r.service, step: `${step.from}→${step.to}`, legal: Boolean(move) }).toMatchObject({ legal: true });
        expect(step.on >= r.history[i - 1]!.on).toBe(true);
        expect(Boolean(step.act)).toBe(move!.decision);
        if (move!.reason) expect(step.reason).toBeTruthy();
      }
      expect(r.history.at(-1)!.to).toBe(r.state);
      expect(r.version).toBe(r.history.length);
      const decision = r.history.find((s) => s.act);
      expect([r.decision_act, r.decision_on]).toEqual(decision ? [decision.act, decision.on] : [null, null]);
    }
  });

  it('prices amounts and deliveries from the offer, delivered only while active, checked against its requirements', () => {
    for (const r of rows) {
      const price = (quantity: number) => Math.round(quantity * (r.unit_cost ?? (r.unit === 'euro' ? 1 : NaN)) * 100) / 100;
      expect(r.amount).toBe(price(r.quantity));
      expect(r.eligibility.map((e) => e.rule)).toEqual(r.requirements.map((q) => q.rule));
      for (const e of r.eligibility) expect(e.reason.length).toBeGreaterThan(10);
      const outcomes = r.eligibility.map((e) => e.outcome);
      expect(r.eligibility_outcome).toBe(outcomes.includes('fail') ? 'fail' : outcomes.includes('unknown') ? 'unknown' : 'pass');
      const active = r.history.find((s) => s.to === 'active')?.on;
      const stopped = r.history.find((s) => s.from === 'active')?.on;
      if (!active) expect(r.deliveries).toEqual([]);
      for (const d of r.deliveries) {
        expect(Number(d.amount)).toBe(price(Number(d.quantity)));
        expect(d.from >= active! && d.to >= d.from).toBe(true);
        if (stopped) expect(d.to <= stopped).toBe(true);
      }
    }
    expect(rows.filter((r) => r.state === 'active').every((r) => r.deliveries.length > 0)).toBe(true);
  });

  it('names people with what a national record needs, but the one left incomplete on purpose', () => {
    const exported = rows.filter((r) => r.state !== 'requested');
    for (const r of exported.filter((x) => x.area !== 'poverta')) {
      expect(r.person).toMatchObject({
        birthDate: expect.any(String),
        birthPlace: expect.stringMatching(/^[A-Z]\d{3}$/),
        sex: expect.stringMatching(/^[MF]$/),
        codiceFiscale: expect.stringMatching(/^[A-Z0-9]{16}$/),
        residence: { comuneCode: expect.stringMatching(/^[A-Z]\d{3}$/) },
      });
      expect(r.person.citizenships.length).toBeGreaterThan(0);
    }
    // The family's cartella is the child's.
    const child = rows.find((r) => r.area === 'famiglia-minori')!;
    expect(Date.now() - Date.parse(child.person.birthDate!)).toBeLessThan(18 * 365.25 * 86_400_000);
    // The closed poverta cartella's contribution: a provisional code and no residence, the monitoring's incomplete record.
    const poor = rows.find((r) => r.area === 'poverta')!;
    expect(poor.person).toMatchObject({ codiceFiscale: null, residence: null });
  });

  it('gives the demo comuni a well-formed codice fiscale of the ente', async () => {
    const comuni = await asOwner((em) =>
      em.execute<{ code: string; tax_code: string | null }[]>(
        `select code, tax_code from core.organization where kind = 'comune' order by code`,
      ),
    );
    expect(comuni.map((c) => c.code)).toEqual(['demo-comune', 'demo-comune-2', 'demo-comune-3']);
    expect(new Set(comuni.map((c) => c.tax_code)).size).toBe(3);
    for (const c of comuni) {
      expect(c.tax_code).toMatch(/^\d{11}$/);
      // An 11-digit code's check digit, as the Agenzia computes it for every numeric code.
      expect(validateProvisionalCode(c.tax_code!)).toMatchObject({ valid: true, kind: 'temporary' });
    }
  });

  it('shows them to the service manager, with their history in order, and is not seeded twice', async () => {
    const responsabile = await client(app, 'responsabile');
    const listed = (await responsabile.get('/api/v1/interventions').expect(200)).body.items as { id: string }[];
    expect(rows.every((r) => listed.some((l) => l.id === r.id))).toBe(true);
    const sad = rows.find((r) => r.service === 'core.A2.07')!;
    const shown = (await responsabile.get(`/api/v1/interventions/${sad.id}`).expect(200)).body;
    expect(shown.history.map((h: { to: string }) => h.to)).toEqual(['requested', 'assessing', 'approved', 'active']);
    expect(shown.delivered.amount).toBe(sad.deliveries.reduce((sum, d) => sum + Number(d.amount), 0));
    expect(await asOwner((em) => seedDemoInterventions(em))).toBe(0);
  });
});
