// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import { Household, HouseholdMember } from './entities';
import { visible, type Actor } from './people';

export interface MemberView {
  readonly id: string;
  readonly personId: string;
  readonly surname: string;
  readonly name: string;
  readonly birthDate: string | null;
  readonly relationCode: string;
  readonly cohabiting: boolean;
  readonly validFrom: string;
  readonly validTo: string | null;
}

export interface HouseholdView {
  readonly id: string;
  readonly kind: string;
  readonly label: string | null;
  readonly version: number;
  readonly members: readonly MemberView[];
}

/** A version that no longer matches: someone changed the household since the operator loaded it. */
export class StaleHousehold extends Error {
  constructor(readonly household: Household) {
    super('household changed since it was read');
  }
}

/**
 * Households (nuclei familiari) with their history: a membership is never
 * edited in place, it ends (valid_to) and a new one starts, so the household
 * as of any date can be read back.
 */
export class HouseholdService {
  async find(em: EntityManager, id: string): Promise<Household | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    return em.findOne(Household, { id });
  }

  /** The households a person belongs to on a date, each with its members on that date. */
  async ofPerson(em: EntityManager, personId: string, asOf: string): Promise<HouseholdView[]> {
    const ids = await em.execute<{ id: string }[]>(
      `select distinct m.household_id::text as id from core.household_member m
       where m.person_id = ? and m.valid_from <= ?::date and (m.valid_to is null or m.valid_to > ?::date)`,
      [personId, asOf, asOf],
    );
    return Promise.all(ids.map((r) => this.view(em, r.id, asOf))).then((all) => all.filter((h): h is HouseholdView => h !== null));
  }

  /** A household and its members on a date. */
  async view(em: EntityManager, id: string, asOf: string): Promise<HouseholdView | null> {
    const household = await this.find(em, id);
    if (!household) return null;
    const members = await em.execute<MemberView[]>(
      `select m.id::text as id, m.person_id::text as "personId", p.surname, p.name, to_char(p.birth_date, 'YYYY-MM-DD') as "birthDate",
              m.relation_code as "relationCode", m.cohabiting, to_char(m.valid_from, 'YYYY-MM-DD') as "validFrom",
              to_char(m.valid_to, 'YYYY-MM-DD') as "validTo"
       from core.household_member m join core.person p on p.id = m.person_id
       where m.household_id = ? and m.owner_org_id = any (core.request_scope()) and ${visible()}
         and m.valid_from <= ?::date and (m.valid_to is null or m.valid_to > ?::date)
       order by m.relation_code, p.birth_date nulls last, p.surname`,
      [id, asOf, asOf],
    );
    return { id: household.id, kind: household.kind, label: household.label, version: household.version, members };
  }

  /** Every membership the household ever had, newest first. */
  async history(em: EntityManager, id: string): Promise<MemberView[]> {
    return em.execute<MemberView[]>(
      `select m.id::text as id, m.person_id::text as "personId", p.surname, p.name, to_char(p.birth_date, 'YYYY-MM-DD') as "birthDate",
              m.relation_code as "relationCode", m.cohabiting, to_char(m.valid_from, 'YYYY-MM-DD') as "validFrom",
              to_char(m.valid_to, 'YYYY-MM-DD') as "validTo"
       from core.household_member m join core.person p on p.id = m.person_id
       where m.household_id = ? and m.owner_org_id = any (core.request_scope()) and ${visible()}
       order by m.valid_from desc, p.surname`,
      [id],
    );
  }

  /** A new household whose first member is the person it was opened from. */
  async create(
    em: EntityManager,
    input: { kind: string; label?: string; personId: string; relationCode: string; validFrom: string },
    actor: Actor,
  ): Promise<Household> {
    const household = em.create(Household, {
      ownerOrgId: actor.orgId,
      kind: input.kind,
      label: input.label ?? null,
      createdBy: actor.operatorId,
      updatedBy: actor.operatorId,
    } as Household);
    await em.flush();
    em.create(HouseholdMember, {
      householdId: household.id,
      ownerOrgId: actor.orgId,
      personId: input.personId,
      relationCode: input.relationCode,
      cohabiting: true,
      validFrom: input.validFrom,
      validTo: null,
      createdBy: actor.operatorId,
    } as HouseholdMember);
    await em.flush();
    return household;
  }

  /** Adds a member from a date; the household's version moves on, so a concurrent edit shows as a conflict. */
  async addMember(
    em: EntityManager,
    household: Household,
    expectedVersion: number,
    input: { personId: string; relationCode: string; cohabiting: boolean; validFrom: string },
    actor: Actor,
  ): Promise<void> {
    this.touch(household, expectedVersion, actor);
    em.create(HouseholdMember, {
      householdId: household.id,
      ownerOrgId: household.ownerOrgId,
      personId: input.personId,
      relationCode: input.relationCode,
      cohabiting: input.cohabiting,
      validFrom: input.validFrom,
      validTo: null,
      createdBy: actor.operatorId,
    } as HouseholdMember);
    await em.flush();
  }

  /** Ends a membership on a date (the day it stops being true); the history keeps it. */
  async endMember(
    em: EntityManager,
    household: Household,
    expectedVersion: number,
    memberId: string,
    validTo: string,
    actor: Actor,
  ): Promise<'ended' | 'missing' | 'before-start'> {
    const member = /^[0-9a-f-]{36}$/i.test(memberId)
      ? await em.findOne(HouseholdMember, { id: memberId, householdId: household.id })
      : null;
    if (!member || member.validTo) return 'missing';
    if (validTo <= member.validFrom) return 'before-start';
    this.touch(household, expectedVersion, actor);
    member.validTo = validTo;
    await em.flush();
    return 'ended';
  }

  private touch(household: Household, expectedVersion: number, actor: Actor): void {
    if (household.version !== expectedVersion) throw new StaleHousehold(household);
    household.updatedBy = actor.operatorId;
    household.updatedAt = new Date();
  }
}
