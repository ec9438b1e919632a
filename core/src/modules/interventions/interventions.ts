// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../people/people';
import { COMMITTED, HOLDING_PLACE, OPEN, type InterventionState } from './states';

export interface PriorityReason {
  readonly code: string;
  readonly points: number;
}

export interface EligibilityRecord {
  readonly rule: string;
  readonly outcome: string;
  readonly reason: string;
}

/** An intervention as its page, the lists and the API show it. */
export interface Intervention {
  readonly id: string;
  readonly ownerOrgId: string;
  readonly ownerCode: string;
  readonly ownerName: string;
  readonly cartellaId: string;
  readonly personId: string;
  readonly surname: string;
  readonly name: string;
  readonly service: string;
  readonly state: InterventionState;
  readonly requestedOn: string;
  readonly quantity: number;
  readonly unit: string;
  readonly amount: number;
  readonly frequency: string;
  readonly periodFrom: string;
  readonly periodTo: string | null;
  readonly providerOrgId: string | null;
  readonly costCentre: string | null;
  readonly eligibilityOutcome: 'pass' | 'fail' | 'unknown';
  readonly eligibility: EligibilityRecord[];
  readonly urgent: boolean;
  readonly priorityScore: number;
  readonly priorityReason: PriorityReason[];
  readonly decisionAct: string | null;
  readonly decisionOn: string | null;
  readonly version: number;
}

export interface InterventionChange {
  readonly from: InterventionState | null;
  readonly to: InterventionState;
  readonly on: string;
  readonly reason: string | null;
  readonly act: string | null;
  readonly byId: string | null;
  readonly byName: string | null;
  readonly at: Date;
}

export interface Delivery {
  readonly id: string;
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly quantity: number;
  readonly amount: number;
  readonly recordedAt: Date;
}

export interface ServiceTotals {
  readonly service: string;
  /** Sum of the amounts of interventions approved this year (and not rejected). */
  readonly committed: number;
  /** Sum of the deliveries whose period starts this year. */
  readonly delivered: number;
  /** Interventions holding a place now (approved, active, suspended). */
  readonly places: number;
  readonly waiting: number;
}

/** An open intervention as the cartella's page lists it, with what was delivered of it so far. */
export interface OpenIntervention {
  readonly id: string;
  readonly service: string;
  readonly state: InterventionState;
  readonly quantity: number;
  readonly unit: string;
  readonly periodFrom: string;
  readonly periodTo: string | null;
  readonly deliveredQuantity: number;
  readonly deliveredAmount: number;
}

export type NewIntervention = Omit<
  Intervention,
  'id' | 'ownerCode' | 'ownerName' | 'surname' | 'name' | 'state' | 'decisionAct' | 'decisionOn' | 'version'
>;

const SELECT = `
  select i.id::text as id, i.owner_org_id::text as "ownerOrgId", o.code as "ownerCode", o.name as "ownerName",
         i.cartella_id::text as "cartellaId", i.person_id::text as "personId", p.surname, p.name, i.entry_code as service, i.state,
         to_char(i.requested_on, 'YYYY-MM-DD') as "requestedOn", i.quantity::float8 as quantity, i.unit, i.amount::float8 as amount,
         i.frequency, to_char(i.period_from, 'YYYY-MM-DD') as "periodFrom", to_char(i.period_to, 'YYYY-MM-DD') as "periodTo",
         i.provider_org_id::text as "providerOrgId", i.cost_centre as "costCentre", i.eligibility_outcome as "eligibilityOutcome",
         i.eligibility, i.urgent, i.priority_score as "priorityScore", i.priority_reason as "priorityReason",
         i.decision_act as "decisionAct", to_char(i.decision_on, 'YYYY-MM-DD') as "decisionOn", i.version
  from core.intervention i
  join core.organization o on o.id = i.owner_org_id
  join core.person p on p.id = i.person_id`;

/** The explicit organization filter of these raw queries; row-level security repeats it underneath. */
const IN_SCOPE = 'i.owner_org_id = any (core.request_scope())';

const isUuid = (id: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
const list = (states: readonly string[]): string => states.map((s) => `'${s}'`).join(', ');

/**
 * Interventions, their history and deliveries, and what the waiting list and budget need to know. Every
 * method runs in the request's scoped transaction; authorization and auditing are the caller's.
 */
export class InterventionService {
  async find(em: EntityManager, id: string | undefined): Promise<Intervention | null> {
    if (!id || !isUuid(id)) return null;
    const [row] = await em.execute<Intervention[]>(`${SELECT} where i.id = ? and ${IN_SCOPE}`, [id]);
    return row ?? null;
  }

  /** By state, service and cartella; the waiting ones in the order they will be served, then the latest requested. */
  async list(em: EntityManager, q: { state?: string; service?: string; cartella?: string }, limit = 500): Promise<Intervention[]> {
    const where = [IN_SCOPE];
    const params: unknown[] = [];
    for (const [column, value] of [
      ['i.state', q.state],
      ['i.entry_code', q.service],
      ['i.cartella_id', q.cartella],
    ] as const) {
      if (!value) continue;
      where.push(`${column} = ?`);
      params.push(value);
    }
    return em.execute<Intervention[]>(
      `${SELECT} where ${where.join(' and ')}
       order by i.state <> 'waiting', i.priority_score desc, i.requested_on, i.created_at desc limit ?`,
      [...params, limit],
    );
  }

  /**
   * A cartella's open interventions, latest requested first, at most `limit`, with the number of all of them and
   * the deliveries summed: one query, so a cartella with many interventions costs no more round trips.
   */
  async openOfCartella(em: EntityManager, cartellaId: string, limit: number): Promise<{ items: OpenIntervention[]; total: number }> {
    if (!isUuid(cartellaId)) return { items: [], total: 0 };
    const rows = await em.execute<(OpenIntervention & { total: number })[]>(
      `select i.id::text as id, i.entry_code as service, i.state, i.quantity::float8 as quantity, i.unit,
              to_char(i.period_from, 'YYYY-MM-DD') as "periodFrom", to_char(i.period_to, 'YYYY-MM-DD') as "periodTo",
              coalesce(d.quantity, 0)::float8 as "deliveredQuantity", coalesce(d.amount, 0)::float8 as "deliveredAmount",
              count(*) over ()::int as total
       from core.intervention i
       left join lateral (select sum(x.quantity) as quantity, sum(x.amount) as amount from core.delivery x
                          where x.intervention_id = i.id and x.owner_org_id = any (core.request_scope())) d on true
       where i.cartella_id = ? and i.state in (${list(OPEN)}) and ${IN_SCOPE}
       order by i.requested_on desc, i.created_at desc limit ?`,
      [cartellaId, limit],
    );
    return { items: rows.map(({ total: _total, ...iv }) => iv), total: rows[0]?.total ?? 0 };
  }

  async create(em: EntityManager, values: NewIntervention, actor: Actor): Promise<string> {
    const [row] = await em.execute<{ id: string }[]>(
      `insert into core.intervention (owner_org_id, cartella_id, person_id, entry_code, requested_on, quantity, unit, amount, frequency,
         period_from, period_to, provider_org_id, cost_centre, eligibility_outcome, eligibility, urgent, priority_score, priority_reason,
         created_by, updated_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?, ?) returning id::text as id`,
      [
        values.ownerOrgId,
        values.cartellaId,
        values.personId,
        values.service,
        values.requestedOn,
        values.quantity,
        values.unit,
        values.amount,
        values.frequency,
        values.periodFrom,
        values.periodTo,
        values.providerOrgId,
        values.costCentre,
        values.eligibilityOutcome,
        JSON.stringify(values.eligibility),
        values.urgent,
        values.priorityScore,
        JSON.stringify(values.priorityReason),
        actor.operatorId,
        actor.operatorId,
      ],
    );
    await this.record(
      em,
      row!.id,
      values.ownerOrgId,
      { from: null, to: 'requested', on: values.requestedOn, reason: null, act: null },
      actor,
    );
    return row!.id;
  }

  /** Moves it to a state from the version the operator saw; false when someone moved it meanwhile. */
  async move(
    em: EntityManager,
    iv: Intervention,
    change: { to: InterventionState; on: string; reason: string | null; act: string | null; actDate: string | null; version: number },
    actor: Actor,
  ): Promise<boolean> {
    const rows = await em.execute(
      `update core.intervention set state = ?, decision_act = coalesce(?, decision_act), decision_on = coalesce(?::date, decision_on),
         version = version + 1, updated_at = now(), updated_by = ?
       where id = ? and version = ? and state = ? returning id`,
      [change.to, change.act, change.actDate, actor.operatorId, iv.id, change.version, iv.state],
    );
    if (!rows.length) return false;
    await this.record(
      em,
      iv.id,
      iv.ownerOrgId,
      { from: iv.state, to: change.to, on: change.on, reason: change.reason, act: change.act },
      actor,
    );
    return true;
  }

  async history(em: EntityManager, id: string): Promise<InterventionChange[]> {
    return em.execute<InterventionChange[]>(
      `select t.from_state as "from", t.to_state as "to", to_char(t.on_date, 'YYYY-MM-DD') as "on", t.reason, t.act,
              t.by_operator::text as "byId", b.display_name as "byName", t.at
       from core.intervention_transition t left join core.operator b on b.id = t.by_operator
       where t.intervention_id = ? and t.owner_org_id = any (core.request_scope()) order by t.at, t.id`,
      [id],
    );
  }

  async deliveries(em: EntityManager, id: string): Promise<Delivery[]> {
    return em.execute<Delivery[]>(
      `select d.id::text as id, to_char(d.period_from, 'YYYY-MM-DD') as "periodFrom", to_char(d.period_to, 'YYYY-MM-DD') as "periodTo",
              d.quantity::float8 as quantity, d.amount::float8 as amount, d.recorded_at as "recordedAt"
       from core.delivery d where d.intervention_id = ? and d.owner_org_id = any (core.request_scope()) order by d.period_from, d.recorded_at`,
      [id],
    );
  }

  async addDelivery(
    em: EntityManager,
    iv: Intervention,
    d: { periodFrom: string; periodTo: string; quantity: number; amount: number },
    actor: Actor,
  ): Promise<string> {
    const [row] = await em.execute<{ id: string }[]>(
      `insert into core.delivery (intervention_id, owner_org_id, period_from, period_to, quantity, amount, recorded_by)
       values (?, ?, ?, ?, ?, ?, ?) returning id::text as id`,
      [iv.id, iv.ownerOrgId, d.periodFrom, d.periodTo, d.quantity, d.amount, actor.operatorId],
    );
    return row!.id;
  }

  /**
   * What a service of one owner has used: the places held now and the amounts committed in a year. The
   * owner's rows are locked first, so two approvals at once cannot both take the last place.
   */
  async usage(em: EntityManager, ownerOrgId: string, service: string, year: number): Promise<{ places: number; committed: number }> {
    await em.execute(`select id from core.intervention where owner_org_id = ? and entry_code = ? for update`, [ownerOrgId, service]);
    const [row] = await em.execute<{ places: number; committed: number }[]>(
      `select count(*) filter (where state in (${list(HOLDING_PLACE)}))::int as places,
              coalesce(sum(amount) filter (where state in (${list(COMMITTED)}) and extract(year from decision_on) = ?), 0)::float8 as committed
       from core.intervention where owner_org_id = ? and entry_code = ?`,
      [year, ownerOrgId, service],
    );
    return row ?? { places: 0, committed: 0 };
  }

  /** Per service: committed and delivered amounts of a year, places held and people waiting. */
  async totals(em: EntityManager, year: number): Promise<ServiceTotals[]> {
    return em.execute<ServiceTotals[]>(
      `select i.entry_code as service,
              coalesce(sum(i.amount) filter (where i.state in (${list(COMMITTED)}) and extract(year from i.decision_on) = ?), 0)::float8 as committed,
              coalesce((select sum(d.amount) from core.delivery d join core.intervention j on j.id = d.intervention_id
                        where j.entry_code = i.entry_code and d.owner_org_id = any (core.request_scope())
                          and extract(year from d.period_from) = ?), 0)::float8 as delivered,
              count(*) filter (where i.state in (${list(HOLDING_PLACE)}))::int as places,
              count(*) filter (where i.state = 'waiting')::int as waiting
       from core.intervention i where ${IN_SCOPE} group by i.entry_code order by i.entry_code`,
      [year, year],
    );
  }

  private async record(
    em: EntityManager,
    id: string,
    ownerOrgId: string,
    change: { from: InterventionState | null; to: InterventionState; on: string; reason: string | null; act: string | null },
    actor: Actor,
  ): Promise<void> {
    await em.execute(
      `insert into core.intervention_transition (intervention_id, owner_org_id, from_state, to_state, on_date, reason, act, by_operator)
       values (?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, ownerOrgId, change.from, change.to, change.on, change.reason, change.act, actor.operatorId],
    );
  }
}
