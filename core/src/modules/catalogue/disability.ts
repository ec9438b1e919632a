// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../people/people';

/** A certification of civil invalidity or handicap (the verbale of the medical board). */
export interface DisabilityRecord {
  readonly id: string;
  readonly personId: string;
  readonly invalidityPercent: number | null;
  readonly law104: 'c1' | 'c3' | null;
  readonly accompaniment: boolean;
  readonly certifiedOn: string;
  readonly expiresOn: string | null;
}

export type DisabilityValues = Omit<DisabilityRecord, 'id' | 'personId'>;

const COLUMNS = `d.id::text as id, d.person_id::text as "personId", d.invalidity_percent as "invalidityPercent", d.law104,
  d.accompaniment, to_char(d.certified_on, 'YYYY-MM-DD') as "certifiedOn", to_char(d.expires_on, 'YYYY-MM-DD') as "expiresOn"`;

/** Disability certifications: health data, kept to what eligibility needs (no diagnosis). Raw SQL under row-level security. */
export class DisabilityService {
  async of(em: EntityManager, personId: string): Promise<DisabilityRecord[]> {
    return em.execute<DisabilityRecord[]>(
      `select ${COLUMNS} from core.disability_record d
       where d.owner_org_id = any (core.request_scope()) and d.person_id = ?
       order by d.certified_on desc, d.created_at desc`,
      [personId],
    );
  }

  async create(em: EntityManager, personId: string, values: DisabilityValues, actor: Actor): Promise<DisabilityRecord> {
    const [row] = await em.execute<DisabilityRecord[]>(
      `insert into core.disability_record as d (owner_org_id, person_id, invalidity_percent, law104, accompaniment, certified_on, expires_on, created_by)
       values (?, ?, ?, ?, ?, ?, ?, ?) returning ${COLUMNS}`,
      [
        actor.orgId,
        personId,
        values.invalidityPercent,
        values.law104,
        values.accompaniment,
        values.certifiedOn,
        values.expiresOn,
        actor.operatorId,
      ],
    );
    if (!row) throw new Error('the disability record was not inserted');
    return row;
  }
}
