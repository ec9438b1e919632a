// SPDX-License-Identifier: AGPL-3.0-or-later
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import pino from 'pino';
import { enterScope, EMPTY_SCOPE } from '../../db/scope';
import { readTranslations, Translator } from '../../i18n/i18n';
import type { RequestCtx } from '../../sdk/context';
import type { EligibilityFacts } from '../../sdk/extension-points/eligibility';
import type { RouteContext } from '../../sdk/routes';
import { LOCAL_TIME_ZONE, localToday } from '../../sdk/local-time';
import { evaluateRequirements, overall } from '../catalogue/eligibility';
import { disabilityFacts, iseeFacts, territoryOf } from '../catalogue/facts';
import { formatFor } from '../catalogue/format';
import { NATIONAL_ENTRIES, nationalCode } from '../catalogue/nomenclature';
import { CORE_RULES } from '../catalogue/rules';
import { disabilityRecords, iseeRecords, offers } from '../catalogue/services';
import { assessments } from '../forms/actions';
import type { Person } from '../people/entities';
import { placeLabel, placesByCode } from '../people/places';
import { priorityOf } from './actions';
import { InterventionService } from './interventions';
import type { FREQUENCIES } from './schemas';
import { MOVE_RULES, type InterventionState, type Move } from './states';

/**
 * The demo's interventions, on the comune's cartelle (core/src/modules/cartella/demo.ts) and the demo offers
 * (core/src/modules/catalogue/demo.ts), relative to the day the demo is loaded, written as the app writes them:
 * requested by the social worker with the eligibility check of that day (the catalogue's own rules, their reasons
 * in Italian) and the waiting-list priority, decided by the service manager with an act, each move a row of
 * `core.intervention_transition` that the state machine allows, deliveries recorded by the clerk while active,
 * amounts as quantity × the offer's unit cost (a euro is a euro where the offer prices none). The quantity and the
 * amount are the whole period's (what the budget commits, what a national record divides into months); each
 * delivery is its own period's.
 *
 * - the anziana's cartella: home care (SAD, A2.07) active since a week, six hours a week for six months, with its
 *   first week delivered; and an assegno per la domiciliarità (A1.11) requested yesterday, still to be decided;
 * - the family's cartella (the child's): socio-educational support at home (A2.02) active for two months;
 * - the suspended disabili cartella: a monthly assegno per la domiciliarità (A1.11), suspended with the cartella
 *   for the stay in rehabilitation, three months delivered before;
 * - the closed poverta cartella: a one-off income support (A1.04) paid while he looked for work, concluded the day he
 *   said he had found it. Its person has only a provisional code and no residence on record: deliberately, the one
 *   national record of the demo that a monitoring of the flows shows as incomplete.
 *
 * Idempotent: nothing is added once the comune has an intervention.
 */

type Frequency = (typeof FREQUENCIES)[number];

interface DemoMove {
  readonly move: Move;
  readonly daysAgo: number;
  /** The decision act's number (approve, reject): dated the day of the move. */
  readonly act?: string;
  readonly reason?: string;
}

interface DemoIntervention {
  /** The area of the comune's cartella it belongs to (its first one of that area). */
  readonly area: string;
  readonly inps: string;
  /** The whole period's, in the entry's unit (the amount is the whole period's too: what the budget commits). */
  readonly quantity: number;
  readonly frequency: Frequency;
  readonly requestedDaysAgo: number;
  readonly urgent?: boolean;
  /** The period: from (days ago, negative ahead) and for how many days; open-ended without. */
  readonly periodFromDaysAgo: number;
  readonly periodDays?: number;
  readonly moves: readonly DemoMove[];
  /** Deliveries while active: consecutive periods of this many days from the activation, each fully past… */
  readonly deliveryDays?: number;
  /** …of this quantity each. */
  readonly delivered?: number;
}

const DEMO_INTERVENTIONS: readonly DemoIntervention[] = [
  {
    area: 'anziani',
    inps: 'A2.07',
    // Six hours a week for 26 weeks.
    quantity: 156,
    frequency: 'weekly',
    requestedDaysAgo: 12,
    periodFromDaysAgo: 7,
    periodDays: 183,
    moves: [
      { move: 'assess', daysAgo: 11 },
      { move: 'approve', daysAgo: 8, act: 'DD 412' },
      { move: 'activate', daysAgo: 7 },
    ],
    deliveryDays: 7,
    delivered: 6,
  },
  {
    area: 'anziani',
    inps: 'A1.11',
    // 250 € a month for a year.
    quantity: 3000,
    frequency: 'monthly',
    requestedDaysAgo: 1,
    periodFromDaysAgo: -30,
    periodDays: 365,
    moves: [],
  },
  {
    area: 'famiglia-minori',
    inps: 'A2.02',
    // Four hours a week for the school year's 43 weeks.
    quantity: 172,
    frequency: 'weekly',
    requestedDaysAgo: 70,
    periodFromDaysAgo: 56,
    periodDays: 300,
    moves: [
      { move: 'approve', daysAgo: 63, act: 'DD 318' },
      { move: 'activate', daysAgo: 56 },
    ],
    deliveryDays: 28,
    delivered: 16,
  },
  {
    area: 'disabili',
    inps: 'A1.11',
    // 300 € a month for a year.
    quantity: 3600,
    frequency: 'monthly',
    requestedDaysAgo: 115,
    periodFromDaysAgo: 100,
    periodDays: 365,
    moves: [
      { move: 'assess', daysAgo: 112 },
      { move: 'approve', daysAgo: 105, act: 'DD 207' },
      { move: 'activate', daysAgo: 100 },
      { move: 'suspend', daysAgo: 10, reason: 'Ricovero in riabilitazione: erogazione sospesa fino alle dimissioni.' },
    ],
    deliveryDays: 30,
    delivered: 300,
  },
  {
    area: 'poverta',
    inps: 'A1.04',
    quantity: 600,
    frequency: 'once',
    requestedDaysAgo: 75,
    periodFromDaysAgo: 65,
    periodDays: 1,
    moves: [
      { move: 'approve', daysAgo: 70, act: 'DD 296' },
      { move: 'activate', daysAgo: 65 },
      { move: 'conclude', daysAgo: 45 },
    ],
    deliveryDays: 1,
    delivered: 600,
  },
];

const OPERATORS = ['assistente', 'responsabile', 'amministrativo'] as const;

/** Who makes a move in the demo: decisions are the service manager's, the rest the social worker's. */
const MOVER: Readonly<Record<Move, (typeof OPERATORS)[number]>> = {
  assess: 'assistente',
  approve: 'responsabile',
  reject: 'responsabile',
  activate: 'responsabile',
  suspend: 'assistente',
  resume: 'assistente',
  conclude: 'assistente',
};

const DAY = 86_400_000;
const shift = (iso: string, days: number): string => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** A moment of a local day: 10:00 plus `minutes`, as the cartella demo dates its history. */
const AT = `(?::date)::timestamp at time zone '${LOCAL_TIME_ZONE}' + interval '10 hours' + make_interval(mins => ?::int)`;

/** The states an intervention goes through: checked against the state machine, as the app refuses anything else. */
function walk(iv: DemoIntervention): { state: InterventionState; decision: DemoMove | null } {
  let state: InterventionState = 'requested';
  let decision: DemoMove | null = null;
  let last = iv.requestedDaysAgo;
  for (const m of iv.moves) {
    const rule = MOVE_RULES[m.move];
    if (!rule.from.includes(state)) throw new Error(`demo interventions: ${iv.inps} cannot ${m.move} from ${state}`);
    if (rule.decision && !m.act) throw new Error(`demo interventions: ${iv.inps} ${m.move} needs an act`);
    if (rule.reason && !m.reason) throw new Error(`demo interventions: ${iv.inps} ${m.move} needs a reason`);
    if (m.daysAgo > last || m.daysAgo < 0) throw new Error(`demo interventions: ${iv.inps} ${m.move} out of order`);
    if (rule.decision) decision = m;
    state = rule.to;
    last = m.daysAgo;
  }
  return { state, decision };
}

/** The facts the catalogue's rules read, as `gatherFacts` reads them, from the owner's connection in the comune's scope. */
async function factsOf(em: EntityManager, personId: string, on: string, territoryOrgId: string): Promise<EligibilityFacts> {
  const [person] = await em.execute<
    { birthDate: string | null; deceasedDate: string | null; residence: { comuneCode?: string; noFixedAbode?: boolean } | null }[]
  >(
    `select to_char(birth_date, 'YYYY-MM-DD') as "birthDate", to_char(deceased_date, 'YYYY-MM-DD') as "deceasedDate", residence
     from core.person where id = ?`,
    [personId],
  );
  // The current nucleo: the famiglia anagrafica first, else the cohabiting one (core/src/modules/catalogue/households.ts).
  const [household] = await em.execute<{ id: string }[]>(
    `select h.id::text as id from core.household h join core.household_member m on m.household_id = h.id
     where m.person_id = ? and m.valid_from <= ?::date and (m.valid_to is null or m.valid_to > ?::date) and h.kind in ('anagrafico', 'convivente')
     order by h.kind <> 'anagrafico', h.id limit 1`,
    [personId, on, on],
  );
  const members = household
    ? await em.execute<{ personId: string; birthDate: string | null }[]>(
        `select m.person_id::text as "personId", to_char(p.birth_date, 'YYYY-MM-DD') as "birthDate"
         from core.household_member m join core.person p on p.id = m.person_id
         where m.household_id = ? and m.valid_from <= ?::date and (m.valid_to is null or m.valid_to > ?::date)`,
        [household.id, on, on],
      )
    : [];
  const comuneCode = person?.residence?.noFixedAbode ? null : (person?.residence?.comuneCode ?? null);
  const place = comuneCode ? (await placesByCode(em, [comuneCode])).get(comuneCode) : undefined;
  const isee = await iseeRecords.of(em, personId, household ? [household.id] : []);
  const disability = await disabilityRecords.of(em, personId);
  const assessed = await assessments.latestFinalOfPerson(em, personId, on);
  return {
    on,
    person: {
      id: personId,
      birthDate: person?.birthDate ?? null,
      deceasedDate: person?.deceasedDate ?? null,
      residence: comuneCode ? { comuneCode, comuneName: place ? placeLabel(place) : comuneCode } : null,
      noFixedAbode: Boolean(person?.residence?.noFixedAbode),
    },
    household: household ? { id: household.id, members } : null,
    isee: iseeFacts(isee, on),
    disability: disabilityFacts(disability, on),
    assessments: assessed.map((a) => ({
      id: a.id,
      formId: a.formId,
      formVersion: a.formVersion,
      assessedOn: a.assessedOn,
      answers: a.answers,
      scores: Object.fromEntries(
        Object.entries(a.scores).map(([id, s]) => [id, { value: s.value, max: s.max, complete: s.complete, band: s.band }]),
      ),
    })),
    unreadableForms: [],
    territory: await territoryOf(em, territoryOrgId),
  };
}

/** Adds the demo interventions; runs as the database owner after the cartelle and the catalogue. Returns the rows added. */
export async function seedDemoInterventions(em: EntityManager): Promise<number> {
  const [comune] = await em.execute<{ id: string }[]>(`select id::text as id from core.organization where code = 'demo-comune'`);
  if (!comune) return 0;
  const [seeded] = await em.execute<{ found: boolean }[]>('select exists (select from core.intervention where owner_org_id = ?) as found', [
    comune.id,
  ]);
  if (seeded?.found) return 0;
  const operators = new Map(
    (
      await em.execute<{ id: string; username: string }[]>(
        `select id::text as id, username from core.operator where username in (${OPERATORS.map(() => '?').join(', ')})`,
        [...OPERATORS],
      )
    ).map((o) => [o.username, o.id]),
  );
  if (OPERATORS.some((u) => !operators.has(u))) return 0;
  const by = (username: (typeof OPERATORS)[number]): string => operators.get(username)!;

  // The comune's scope, as a request acting there has it: the eligibility facts and the priority read within it.
  const scope = await em.execute<{ id: string }[]>(
    `with recursive down(id) as (select ?::uuid union all select o.id from core.organization o join down on o.parent_id = down.id)
     select id::text as id from down`,
    [comune.id],
  );
  await enterScope(em, { orgId: comune.id, orgs: scope.map((o) => o.id), operatorId: by('assistente') });
  // The reasons in words, in the language the app stores them in for an Italian operator. The rules read `t`,
  // `locale` and `log` of the context (as `ruleChecker` in core/src/testing gives them); the priority reads `em`.
  const translator = new Translator(
    readTranslations([{ owner: 'core', namespace: 'core', dir: join(__dirname, '..', '..', '..', 'locales') }]),
  );
  const ctx = { t: translator.t('it'), locale: 'it', log: pino({ level: 'silent' }), em } as unknown as RequestCtx & RouteContext;
  const format = formatFor('it');
  const service = new InterventionService();
  const today = localToday();
  const day = (daysAgo: number): string => shift(today, -daysAgo);

  let added = 0;
  try {
    for (const iv of DEMO_INTERVENTIONS) {
      const [cartella] = await em.execute<{ id: string; personId: string }[]>(
        `select id::text as id, person_id::text as "personId" from core.cartella
         where owner_org_id = ? and area = ? order by year, seq limit 1`,
        [comune.id, iv.area],
      );
      const code = nationalCode(iv.inps);
      const entry = NATIONAL_ENTRIES.find((e) => e.code === code);
      const offer = (await offers.effective(em, comune.id, code)).get(code);
      if (!cartella || !entry || !offer?.active) continue;
      const { state, decision } = walk(iv);
      if (offer.unitCost === null && entry.unit !== 'euro') throw new Error(`demo interventions: ${code} has no unit cost`);
      const amount = Math.round(iv.quantity * (offer.unitCost ?? 1) * 100) / 100;
      if (decision) {
        const used = await service.usage(em, comune.id, code, Number(day(decision.daysAgo).slice(0, 4)));
        if (
          (offer.capacity !== null && used.places + 1 > offer.capacity) ||
          (offer.yearlyBudget !== null && used.committed + amount > offer.yearlyBudget)
        )
          throw new Error(`demo interventions: no room left in ${code} for the demo`);
      }

      const requestedOn = day(iv.requestedDaysAgo);
      const facts = await factsOf(em, cartella.personId, requestedOn, offer.organization.id);
      const results = await evaluateRequirements(ctx, CORE_RULES, offer.requirements ?? entry.requirements ?? [], facts, format);
      const reasons = await priorityOf(
        ctx,
        { id: cartella.personId, birthDate: facts.person.birthDate } as Person,
        iv.urgent ?? false,
        requestedOn,
      );
      const periodFrom = day(iv.periodFromDaysAgo);
      const last = iv.moves.at(-1);
      const [row] = await em.execute<{ id: string }[]>(
        `insert into core.intervention (owner_org_id, cartella_id, person_id, entry_code, state, requested_on, quantity, unit, amount, frequency,
           period_from, period_to, eligibility_outcome, eligibility, urgent, priority_score, priority_reason, decision_act, decision_on,
           version, created_at, created_by, updated_at, updated_by)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?, ?, ?, ${AT}, ?, ${AT}, ?)
         returning id::text as id`,
        [
          comune.id,
          cartella.id,
          cartella.personId,
          code,
          state,
          requestedOn,
          iv.quantity,
          entry.unit,
          amount,
          iv.frequency,
          periodFrom,
          iv.periodDays === undefined ? null : shift(periodFrom, iv.periodDays - 1),
          overall(results),
          JSON.stringify(results.map((r) => ({ rule: r.rule, outcome: r.outcome, reason: r.reason }))),
          iv.urgent ?? false,
          reasons.reduce((sum, r) => sum + r.points, 0),
          JSON.stringify(reasons),
          decision ? `${decision.act}/${day(decision.daysAgo).slice(0, 4)}` : null,
          decision ? day(decision.daysAgo) : null,
          1 + iv.moves.length,
          requestedOn,
          0,
          by('assistente'),
          last ? day(last.daysAgo) : requestedOn,
          iv.moves.length,
          last ? by(MOVER[last.move]) : by('assistente'),
        ],
      );
      const id = row!.id;
      added += 1;

      // The history: the request, then each move (10:00 on its day, a minute later per step, so that it reads in order).
      const history: {
        from: InterventionState | null;
        to: InterventionState;
        daysAgo: number;
        move: Move | null;
        act?: string;
        reason?: string;
      }[] = [{ from: null, to: 'requested', daysAgo: iv.requestedDaysAgo, move: null }];
      for (const m of iv.moves) history.push({ ...m, from: history.at(-1)!.to, to: MOVE_RULES[m.move].to });
      for (const [i, step] of history.entries()) {
        const on = day(step.daysAgo);
        await em.execute(
          `insert into core.intervention_transition (intervention_id, owner_org_id, from_state, to_state, on_date, reason, act, by_operator, at)
           values (?, ?, ?, ?, ?, ?, ?, ?, ${AT})`,
          [
            id,
            comune.id,
            step.from,
            step.to,
            on,
            step.reason ?? null,
            step.act ? `${step.act}/${on.slice(0, 4)}` : null,
            by(step.move ? MOVER[step.move] : 'assistente'),
            on,
            i,
          ],
        );
        added += 1;
      }

      // Deliveries of the periods that ended while it was active, before today; a one-off on the day it was paid.
      const activated = iv.moves.find((m) => m.move === 'activate');
      const stopped = iv.moves.find((m) => m.move === 'suspend' || m.move === 'conclude');
      if (!activated || !iv.deliveryDays || !iv.delivered) continue;
      const until = stopped ? day(stopped.daysAgo) : today;
      const periods: [string, string][] = [];
      for (let from = day(activated.daysAgo); shift(from, iv.deliveryDays - 1) < until; from = shift(from, iv.deliveryDays)) {
        periods.push([from, shift(from, iv.deliveryDays - 1)]);
        if (iv.frequency === 'once') break;
      }
      for (const [from, to] of periods) {
        const quantity = iv.delivered;
        await em.execute(
          `insert into core.delivery (intervention_id, owner_org_id, period_from, period_to, quantity, amount, recorded_by, recorded_at)
           values (?, ?, ?, ?, ?, ?, ?, least(now(), ${AT}))`,
          [
            id,
            comune.id,
            from,
            to,
            quantity,
            Math.round(quantity * (offer.unitCost ?? 1) * 100) / 100,
            by('amministrativo'),
            shift(to, 1),
            30,
          ],
        );
        added += 1;
      }
    }
  } finally {
    await enterScope(em, EMPTY_SCOPE);
  }
  return added;
}
