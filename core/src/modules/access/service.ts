// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../people/people';
import { REPEAT_VISITS, REPEAT_WINDOW_DAYS, type Outcome, type ReferralState } from './codes';
import type { ContactInput } from './schemas';
import { LOCAL_TIME_ZONE, timestampSql } from '../../sdk/local-time';

/** A contact as the register, its page and the API show it. */
export interface Contact {
  readonly id: string;
  readonly ownerOrgId: string;
  readonly pointCode: string;
  readonly pointName: string;
  readonly occurredAt: Date;
  readonly channel: string;
  readonly interlocutor: string;
  readonly personId: string | null;
  readonly personSurname: string | null;
  readonly personName: string | null;
  readonly anonymousDescription: string | null;
  readonly needs: string[];
  readonly notes: string | null;
  readonly outcome: Outcome;
  readonly referralService: string | null;
  readonly referralOrgId: string | null;
  readonly referralOrgName: string | null;
  readonly referralStatus: ReferralState | null;
  readonly referralDecidedAt: Date | null;
  readonly referralDecidedByName: string | null;
  readonly referralNote: string | null;
  readonly cartellaId: string | null;
  readonly cartellaNumber: string | null;
  readonly recordedAt: Date;
  readonly recordedByName: string | null;
  readonly version: number;
}

export interface RepeatVisitor {
  readonly personId: string;
  readonly surname: string;
  readonly name: string;
  readonly contacts: number;
  readonly lastAt: Date;
}

export interface ServicePoint {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly kind: string;
}

/** Why a change to a contact was not made. */
export type ChangeOutcome = 'done' | 'stale' | 'not-allowed';

const SELECT = `
  select c.id::text as id, c.owner_org_id::text as "ownerOrgId", o.code as "pointCode", o.name as "pointName",
         c.occurred_at as "occurredAt", c.channel, c.interlocutor, c.person_id::text as "personId",
         p.surname as "personSurname", p.name as "personName", c.anonymous_description as "anonymousDescription",
         c.needs, c.notes, c.outcome, c.referral_service as "referralService", c.referral_org_id::text as "referralOrgId",
         ro.name as "referralOrgName", c.referral_status as "referralStatus", c.referral_decided_at as "referralDecidedAt",
         rd.display_name as "referralDecidedByName", c.referral_note as "referralNote", c.cartella_id::text as "cartellaId",
         case when k.id is null then null else k.year || '/' || lpad(k.seq::text, 4, '0') end as "cartellaNumber",
         c.recorded_at as "recordedAt", rb.display_name as "recordedByName", c.version
  from core.access_contact c
  join core.organization o on o.id = c.owner_org_id
  left join core.person p on p.id = c.person_id
  left join core.organization ro on ro.id = c.referral_org_id
  left join core.operator rd on rd.id = c.referral_decided_by
  left join core.operator rb on rb.id = c.recorded_by
  left join core.cartella k on k.id = c.cartella_id`;

/** The explicit organization filter of these raw queries; row-level security repeats it underneath. */
const IN_SCOPE = 'c.owner_org_id = any (core.request_scope())';

/** A PostgreSQL array literal of texts, each quoted (a bound JS array would be expanded into a list). */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

const isUuid = (id: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/**
 * Contacts at an access point (PUA, segretariato sociale) and the referrals they make. Every method
 * runs in the request's scoped transaction; authorization and auditing are the caller's.
 */
export class AccessService {
  async find(em: EntityManager, id: string): Promise<Contact | null> {
    if (!isUuid(id)) return null;
    const [row] = await em.execute<Contact[]>(`${SELECT} where c.id = ? and ${IN_SCOPE}`, [id]);
    return row ?? null;
  }

  /** Whether a date-time lies more than a few minutes ahead (a clock's drift is not a typo). */
  async inFuture(em: EntityManager, at: string): Promise<boolean> {
    const [row] = await em.execute<{ future: boolean }[]>(`select ${timestampSql(at)} > now() + interval '5 minutes' as future`, [at]);
    return Boolean(row?.future);
  }

  /** Records a contact at the desk the request acts in; a referral starts pending. */
  async create(em: EntityManager, input: ContactInput, actor: Actor): Promise<string> {
    const referral = input.outcome === 'referral';
    const at = input.occurredAt ?? new Date().toISOString();
    const [row] = await em.execute<{ id: string }[]>(
      `insert into core.access_contact (owner_org_id, occurred_at, channel, interlocutor, person_id, anonymous_description, needs,
         notes, outcome, referral_service, referral_org_id, referral_status, recorded_by, updated_by)
       values (?, ${timestampSql(at)}, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?) returning id::text as id`,
      [
        actor.orgId,
        at,
        input.channel,
        input.interlocutor,
        input.personId ?? null,
        // A contact with a person needs no description of who came.
        input.personId ? null : (input.anonymousDescription ?? null),
        textArray([...new Set(input.needs)]),
        input.notes ?? null,
        input.outcome,
        referral ? (input.referralService ?? null) : null,
        referral ? (input.referralOrganizationId ?? null) : null,
        referral ? 'pending' : null,
        actor.operatorId,
        actor.operatorId,
      ],
    );
    return row!.id;
  }

  /** Links an anonymous contact to the person it turned out to be. */
  async linkPerson(em: EntityManager, contact: Contact, personId: string, version: number, actor: Actor): Promise<ChangeOutcome> {
    if (contact.personId) return 'not-allowed';
    if (contact.version !== version) return 'stale';
    const rows = await em.execute(
      `update core.access_contact set person_id = ?, version = version + 1, updated_at = now(), updated_by = ?
       where id = ? and version = ? and person_id is null returning id`,
      [personId, actor.operatorId, contact.id, version],
    );
    return rows.length ? 'done' : 'stale';
  }

  /** Records the service's answer to a pending referral, once. */
  async decideReferral(
    em: EntityManager,
    contact: Contact,
    decision: { status: 'accepted' | 'refused'; note?: string; version: number },
    actor: Actor,
  ): Promise<ChangeOutcome> {
    if (contact.referralStatus !== 'pending') return 'not-allowed';
    if (contact.version !== decision.version) return 'stale';
    const rows = await em.execute(
      `update core.access_contact
       set referral_status = ?, referral_note = ?, referral_decided_at = now(), referral_decided_by = ?,
           version = version + 1, updated_at = now(), updated_by = ?
       where id = ? and version = ? and referral_status = 'pending' returning id`,
      [decision.status, decision.note ?? null, actor.operatorId, actor.operatorId, contact.id, decision.version],
    );
    return rows.length ? 'done' : 'stale';
  }

  /** Marks a contact as the one that led to this cartella. */
  async attachCartella(em: EntityManager, contactId: string, cartellaId: string, actor: Actor): Promise<void> {
    await em.execute(
      `update core.access_contact set cartella_id = ?, version = version + 1, updated_at = now(), updated_by = ? where id = ?`,
      [cartellaId, actor.operatorId, contactId],
    );
  }

  /** The organizations whose register the request may read: where it acts, and the service points it sees. */
  async servicePoints(em: EntityManager, actingOrgId: string): Promise<ServicePoint[]> {
    return em.execute<ServicePoint[]>(
      `select id::text as id, code, name, kind from core.organization
       where id = ? or (kind = 'service-point' and id = any (core.request_scope()))
       order by id <> ?, name`,
      [actingOrgId, actingOrgId],
    );
  }

  /** A desk's contacts of today (its local day), latest first. */
  async today(em: EntityManager, pointId: string): Promise<Contact[]> {
    return em.execute<Contact[]>(
      `${SELECT} where c.owner_org_id = ? and ${IN_SCOPE}
         and (c.occurred_at at time zone '${LOCAL_TIME_ZONE}')::date = core.local_today()
       order by c.occurred_at desc`,
      [pointId],
    );
  }

  /** Referrals a desk made that the service has not answered yet, oldest first. */
  async openReferrals(em: EntityManager, pointId: string): Promise<Contact[]> {
    return em.execute<Contact[]>(
      `${SELECT} where c.owner_org_id = ? and ${IN_SCOPE} and c.referral_status = 'pending' order by c.occurred_at`,
      [pointId],
    );
  }

  /**
   * People who came to this desk recently and keep coming, with no cartella open (or suspended) for
   * them: at least REPEAT_VISITS contacts in REPEAT_WINDOW_DAYS days, counted at every desk the request
   * sees, since the same person visits the PUA and the segretariato of one comune.
   */
  async repeatVisitors(em: EntityManager, pointId: string): Promise<RepeatVisitor[]> {
    return em.execute<RepeatVisitor[]>(
      `with recent as (
         select c.person_id, count(*)::int as contacts, max(c.occurred_at) as last_at,
                bool_or(c.owner_org_id = ?) as here
         from core.access_contact c
         where c.person_id is not null and ${IN_SCOPE} and c.occurred_at >= now() - make_interval(days => ?)
         group by c.person_id
       )
       select r.person_id::text as "personId", p.surname, p.name, r.contacts, r.last_at as "lastAt"
       from recent r join core.person p on p.id = r.person_id
       where r.here and r.contacts >= ?
         and not exists (select from core.cartella k where k.person_id = r.person_id and k.state <> 'closed'
                         and k.owner_org_id = any (core.request_scope()))
       order by r.contacts desc, r.last_at desc
       limit 100`,
      [pointId, REPEAT_WINDOW_DAYS, REPEAT_VISITS],
    );
  }

  /** Contacts by person, desk and period, latest first. */
  async list(em: EntityManager, q: { personId?: string; point?: string; from?: string; to?: string; limit: number }): Promise<Contact[]> {
    const where = [IN_SCOPE];
    const params: unknown[] = [];
    if (q.personId) {
      where.push('c.person_id = ?');
      params.push(q.personId);
    }
    if (q.point) {
      where.push('c.owner_org_id = ?');
      params.push(q.point);
    }
    if (q.from) {
      where.push(`(c.occurred_at at time zone '${LOCAL_TIME_ZONE}')::date >= ?::date`);
      params.push(q.from);
    }
    if (q.to) {
      where.push(`(c.occurred_at at time zone '${LOCAL_TIME_ZONE}')::date <= ?::date`);
      params.push(q.to);
    }
    return em.execute<Contact[]>(`${SELECT} where ${where.join(' and ')} order by c.occurred_at desc limit ?`, [...params, q.limit]);
  }
}
