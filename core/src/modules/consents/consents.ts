// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ConsentKind } from './codes';

export interface Consent {
  readonly id: string;
  readonly personId: string;
  readonly cartellaId: string | null;
  readonly kind: ConsentKind;
  readonly purpose: string;
  readonly legalBasis: string | null;
  readonly givenOn: string;
  readonly givenBy: string;
  readonly givenByName: string | null;
  readonly documentRef: string | null;
  readonly withdrawnOn: string | null;
  readonly withdrawalNote: string | null;
  readonly withdrawnByName: string | null;
  readonly recordedByName: string | null;
  readonly recordedAt: Date;
  /** A consent not withdrawn (or withdrawn from a later day); a notice, once given. */
  readonly inForce: boolean;
}

export interface ConsentRecord {
  readonly kind: ConsentKind;
  readonly purpose: string;
  readonly legalBasis: string | null;
  readonly givenOn: string;
  readonly givenBy: string;
  readonly givenByName: string | null;
  readonly documentRef: string | null;
}

export type WithdrawOutcome = 'withdrawn' | 'missing' | 'notice' | 'already' | 'before-given';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SELECT = `
  select c.id::text as id, c.person_id::text as "personId", c.cartella_id::text as "cartellaId", c.kind, c.purpose,
         c.legal_basis as "legalBasis", to_char(c.given_on, 'YYYY-MM-DD') as "givenOn", c.given_by as "givenBy",
         c.given_by_name as "givenByName", c.document_ref as "documentRef", to_char(c.withdrawn_on, 'YYYY-MM-DD') as "withdrawnOn",
         c.withdrawal_note as "withdrawalNote", w.display_name as "withdrawnByName", r.display_name as "recordedByName",
         c.recorded_at as "recordedAt", (c.withdrawn_on is null or c.withdrawn_on > core.local_today()) as "inForce"
  from core.consent c left join core.operator w on w.id = c.withdrawn_by left join core.operator r on r.id = c.recorded_by`;

/** The explicit organization filter (row-level security repeats it). */
const IN_SCOPE = 'c.owner_org_id = any (core.request_scope())';

/**
 * Information notices and consents of a person: recorded, listed with their history, withdrawn (never
 * deleted or edited). Authorization and audit are the caller's.
 */
export class ConsentService {
  /** A person's notices and consents, those in force first, the latest given first. */
  async ofPerson(em: EntityManager, personId: string): Promise<Consent[]> {
    return em.execute<Consent[]>(
      `${SELECT} where c.person_id = ? and ${IN_SCOPE}
       order by (c.withdrawn_on is null or c.withdrawn_on > core.local_today()) desc, c.given_on desc, c.recorded_at desc`,
      [personId],
    );
  }

  async find(em: EntityManager, personId: string, id: string): Promise<Consent | null> {
    if (!UUID.test(id)) return null;
    const [row] = await em.execute<Consent[]>(`${SELECT} where c.id = ? and c.person_id = ? and ${IN_SCOPE}`, [id, personId]);
    return row ?? null;
  }

  /** Whether a consent to `purpose` is in force today for the person. */
  async inForce(em: EntityManager, personId: string, purpose: string): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(
      `select c.id::text as id from core.consent c
       where c.person_id = ? and c.kind = 'consent' and c.purpose = ? and ${IN_SCOPE}
         and c.given_on <= core.local_today() and (c.withdrawn_on is null or c.withdrawn_on > core.local_today()) limit 1`,
      [personId, purpose],
    );
    return rows.length > 0;
  }

  async record(
    em: EntityManager,
    owner: { ownerOrgId: string; personId: string; cartellaId: string | null },
    input: ConsentRecord,
    operatorId: string,
  ): Promise<string> {
    const [row] = await em.execute<{ id: string }[]>(
      `insert into core.consent (owner_org_id, person_id, cartella_id, kind, purpose, legal_basis, given_on, given_by, given_by_name, document_ref, recorded_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id::text as id`,
      [
        owner.ownerOrgId,
        owner.personId,
        owner.cartellaId,
        input.kind,
        input.purpose,
        input.legalBasis,
        input.givenOn,
        input.givenBy,
        input.givenByName,
        input.documentRef,
        operatorId,
      ],
    );
    return row!.id;
  }

  async withdraw(
    em: EntityManager,
    personId: string,
    id: string,
    input: { withdrawnOn: string; note: string | null },
    operatorId: string,
  ): Promise<WithdrawOutcome> {
    const found = await this.find(em, personId, id);
    if (!found) return 'missing';
    if (found.kind === 'notice') return 'notice';
    if (found.withdrawnOn) return 'already';
    if (input.withdrawnOn < found.givenOn) return 'before-given';
    const updated = await em.execute<{ id: string }[]>(
      `update core.consent set withdrawn_on = ?, withdrawal_note = ?, withdrawn_by = ?, withdrawn_at = now()
       where id = ? and withdrawn_on is null and owner_org_id = any (core.request_scope()) returning id::text as id`,
      [input.withdrawnOn, input.note, operatorId, id],
    );
    return updated.length ? 'withdrawn' : 'already';
  }
}
