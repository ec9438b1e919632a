// SPDX-License-Identifier: AGPL-3.0-or-later
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../people/people';
import type { CartelleQuery, TransitionInput } from './schemas';
import { TRANSITION_RULES, type CartellaState } from './states';

/** A cartella as its page, the lists and the API show it. */
export interface Cartella {
  readonly id: string;
  readonly number: string;
  readonly ownerOrgId: string;
  readonly ownerCode: string;
  readonly ownerName: string;
  readonly personId: string;
  readonly surname: string;
  readonly name: string;
  readonly area: string;
  readonly state: CartellaState;
  readonly stateSince: string;
  readonly openedOn: string;
  readonly responsibleId: string;
  readonly responsibleName: string;
  readonly version: number;
}

export interface StateChange {
  readonly id: string;
  readonly from: CartellaState | null;
  readonly to: CartellaState;
  readonly on: string;
  readonly reason: string | null;
  readonly note: string | null;
  readonly byId: string | null;
  readonly byName: string | null;
  readonly at: Date;
}

export type CreateOutcome = { readonly kind: 'created'; readonly id: string } | { readonly kind: 'exists'; readonly cartella: Cartella };

export type TransitionOutcome =
  | { readonly kind: 'done' }
  /** Not a move this state allows. */
  | { readonly kind: 'illegal' }
  | { readonly kind: 'stale' }
  /** Reopening while another cartella of the person is open at the same owner. */
  | { readonly kind: 'exists'; readonly cartella: Cartella }
  /** The date is before the state it leaves began. */
  | { readonly kind: 'before'; readonly since: string };

/** The one cartella per person and owner that may be not closed (`cartella_one_open`). */
const ONE_OPEN = 'cartella_one_open';

const SELECT = `
  select k.id::text as id, k.year || '/' || lpad(k.seq::text, 4, '0') as number, k.owner_org_id::text as "ownerOrgId",
         o.code as "ownerCode", o.name as "ownerName", k.person_id::text as "personId", p.surname, p.name, k.area, k.state,
         to_char(k.state_since, 'YYYY-MM-DD') as "stateSince", to_char(k.opened_on, 'YYYY-MM-DD') as "openedOn",
         k.responsible_operator_id::text as "responsibleId", r.display_name as "responsibleName", k.version
  from core.cartella k
  join core.organization o on o.id = k.owner_org_id
  join core.person p on p.id = k.person_id
  join core.operator r on r.id = k.responsible_operator_id`;

/** The explicit organization filter of these raw queries; row-level security repeats it underneath. */
const IN_SCOPE = 'k.owner_org_id = any (core.request_scope())';

/** Whether the request's operator is the responsible or a current member of the team (`core.cartella_insider`). */
export const INSIDER = 'core.cartella_insider(k.id)';

const isUuid = (id: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

function isOneOpenViolation(error: unknown): boolean {
  return (
    error instanceof UniqueConstraintViolationException &&
    String((error as { constraint?: unknown }).constraint ?? error.message).includes(ONE_OPEN)
  );
}

/**
 * Cartelle: taking a person in charge with a yearly number, the states a cartella moves through with
 * their history, and the lists. Every method runs in the request's scoped transaction; authorization
 * and auditing are the caller's.
 */
export class CartellaService {
  async find(em: EntityManager, id: string): Promise<Cartella | null> {
    if (!isUuid(id)) return null;
    const [row] = await em.execute<Cartella[]>(`${SELECT} where k.id = ? and ${IN_SCOPE}`, [id]);
    return row ?? null;
  }

  /** A cartella of another organization that a live share opens to the request's scope (its summary part). */
  async findShared(em: EntityManager, id: string): Promise<Cartella | null> {
    if (!isUuid(id)) return null;
    const [row] = await em.execute<Cartella[]>(`${SELECT} where k.id = ? and core.cartella_shared_with_scope(k.id, 'summary')`, [id]);
    return row ?? null;
  }

  /** The organization a desk's cartelle belong to: the data controller above a service point. */
  async ownerFor(em: EntityManager, orgId: string): Promise<string> {
    const [row] = await em.execute<{ id: string }[]>('select core.data_controller(?)::text as id', [orgId]);
    return row?.id ?? orgId;
  }

  /** The person's cartella at this owner that is not closed, if any. */
  async notClosed(em: EntityManager, personId: string, ownerOrgId: string): Promise<Cartella | null> {
    const [row] = await em.execute<Cartella[]>(
      `${SELECT} where k.person_id = ? and k.owner_org_id = ? and k.state <> 'closed' and ${IN_SCOPE}`,
      [personId, ownerOrgId],
    );
    return row ?? null;
  }

  /**
   * Takes a person in charge: a cartella of the data controller, numbered in its series for the year it
   * opens, with the opening as the first entry of its history. Refused when the person has one open.
   */
  async create(
    em: EntityManager,
    input: { personId: string; area: string; openedOn: string; responsibleId: string },
    actor: Actor,
  ): Promise<CreateOutcome> {
    const owner = await this.ownerFor(em, actor.orgId);
    const existing = await this.notClosed(em, input.personId, owner);
    if (existing) return { kind: 'exists', cartella: existing };
    const year = Number(input.openedOn.slice(0, 4));
    // The counter row locks the owner's series for the year until the transaction ends: no two numbers alike.
    const [counter] = await em.execute<{ last: number }[]>(
      `insert into core.cartella_counter (owner_org_id, year, last) values (?, ?, 1)
       on conflict (owner_org_id, year) do update set last = core.cartella_counter.last + 1 returning last`,
      [owner, year],
    );
    try {
      const [row] = await em.execute<{ id: string }[]>(
        `insert into core.cartella (owner_org_id, year, seq, person_id, area, state, state_since, opened_on, responsible_operator_id,
           opened_by_org_id, created_by, updated_by)
         values (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?) returning id::text as id`,
        [
          owner,
          year,
          counter!.last,
          input.personId,
          input.area,
          input.openedOn,
          input.openedOn,
          input.responsibleId,
          actor.orgId,
          actor.operatorId,
          actor.operatorId,
        ],
      );
      await this.record(em, row!.id, owner, { from: null, to: 'open', on: input.openedOn, reason: null, note: null }, actor);
      return { kind: 'created', id: row!.id };
    } catch (error) {
      // Another take-in-charge of the same person committed first: theirs stands.
      if (!isOneOpenViolation(error)) throw error;
      throw new CartellaExists();
    }
  }

  /** Moves a cartella to another state, from the version the operator saw. */
  async transition(
    em: EntityManager,
    cartella: Cartella,
    input: TransitionInput & { on: string },
    actor: Actor,
  ): Promise<TransitionOutcome> {
    const rule = TRANSITION_RULES[input.transition];
    if (!rule.from.includes(cartella.state)) return { kind: 'illegal' };
    if (input.version !== cartella.version) return { kind: 'stale' };
    if (input.on < cartella.stateSince) return { kind: 'before', since: cartella.stateSince };
    if (rule.to !== 'closed' && cartella.state === 'closed') {
      const other = await this.notClosed(em, cartella.personId, cartella.ownerOrgId);
      if (other) return { kind: 'exists', cartella: other };
    }
    const rows = await em
      .execute(
        `update core.cartella set state = ?, state_since = ?, version = version + 1, updated_at = now(), updated_by = ?
         where id = ? and version = ? returning id`,
        [rule.to, input.on, actor.operatorId, cartella.id, input.version],
      )
      .catch((error: unknown) => {
        // A cartella of the same person opened meanwhile, between the check above and this update.
        throw isOneOpenViolation(error) ? new CartellaExists() : error;
      });
    if (!rows.length) return { kind: 'stale' };
    await this.record(
      em,
      cartella.id,
      cartella.ownerOrgId,
      { from: cartella.state, to: rule.to, on: input.on, reason: rule.reasons ? (input.reason ?? null) : null, note: input.note ?? null },
      actor,
    );
    return { kind: 'done' };
  }

  /** Moves the version on for a change to something the cartella holds (its team), or says it is stale. */
  async touch(em: EntityManager, cartella: Cartella, version: number, actor: Actor): Promise<boolean> {
    if (version !== cartella.version) return false;
    const rows = await em.execute(
      `update core.cartella set version = version + 1, updated_at = now(), updated_by = ? where id = ? and version = ? returning id`,
      [actor.operatorId, cartella.id, version],
    );
    return rows.length > 0;
  }

  /** Every state the cartella went through, the opening first. */
  async history(em: EntityManager, id: string): Promise<StateChange[]> {
    return em.execute<StateChange[]>(
      `select t.id::text as id, t.from_state as "from", t.to_state as "to", to_char(t.on_date, 'YYYY-MM-DD') as "on",
              t.reason_code as reason, t.note, t.by_operator::text as "byId", b.display_name as "byName", t.at
       from core.cartella_transition t left join core.operator b on b.id = t.by_operator
       where t.cartella_id = ? and t.owner_org_id = any (core.request_scope())
       order by t.at, t.id`,
      [id],
    );
  }

  /** Cartelle by who works on them, state, area and person; the open ones first, then the latest opened. */
  async list(em: EntityManager, q: CartelleQuery & { scope: 'mine' | 'all' }, limit = 200): Promise<Cartella[]> {
    const where = [IN_SCOPE];
    const params: unknown[] = [];
    if (q.scope === 'mine') where.push(INSIDER);
    if (q.state) {
      where.push('k.state = ?');
      params.push(q.state);
    }
    if (q.area) {
      where.push('k.area = ?');
      params.push(q.area);
    }
    if (q.person) {
      where.push('k.person_id = ?');
      params.push(q.person);
    }
    return em.execute<Cartella[]>(
      `${SELECT} where ${where.join(' and ')}
       order by k.state = 'closed', k.opened_on desc, k.year desc, k.seq desc limit ?`,
      [...params, limit],
    );
  }

  private async record(
    em: EntityManager,
    cartellaId: string,
    ownerOrgId: string,
    change: { from: CartellaState | null; to: CartellaState; on: string; reason: string | null; note: string | null },
    actor: Actor,
  ): Promise<void> {
    await em.execute(
      `insert into core.cartella_transition (cartella_id, owner_org_id, from_state, to_state, on_date, reason_code, note, by_operator)
       values (?, ?, ?, ?, ?, ?, ?, ?)`,
      [cartellaId, ownerOrgId, change.from, change.to, change.on, change.reason, change.note, actor.operatorId],
    );
  }
}

/** A concurrent take-in-charge of the same person won: the transaction is spoilt, the caller answers 409. */
export class CartellaExists extends Error {
  constructor() {
    super('the person has a cartella that is not closed');
  }
}
