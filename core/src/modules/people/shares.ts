// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Person } from './entities';
import type { Actor } from './people';

export interface ShareView {
  readonly id: string;
  readonly organization: string;
  readonly purpose: string;
  readonly expiresAt: string | null;
  readonly grantedAt: Date;
  readonly revokedAt: Date | null;
}

/**
 * Explicit sharing of a person's record with another organization, always
 * with a purpose and an end date: what lets an organization outside the
 * owner's tree see the record (row-level security reads these rows).
 */
export class ShareService {
  /** Returns the share's id, or null when no such organization exists. */
  async grant(
    em: EntityManager,
    person: Person,
    input: { organizationCode: string; purpose: string; expiresAt: string },
    actor: Actor,
  ): Promise<string | null> {
    const [org] = await em.execute<{ id: string }[]>('select id::text as id from core.organization where code = ?', [
      input.organizationCode,
    ]);
    if (!org) return null;
    const [row] = await em.execute<{ id: string }[]>(
      `insert into core.person_share (person_id, owner_org_id, grantee_org_id, purpose, expires_at, granted_by)
       values (?, ?, ?, ?, ?, ?) returning id::text as id`,
      [person.id, person.ownerOrgId, org.id, input.purpose, input.expiresAt, actor.operatorId],
    );
    return row!.id;
  }

  async of(em: EntityManager, personId: string): Promise<ShareView[]> {
    return em.execute<ShareView[]>(
      `select s.id::text as id, o.name as organization, s.purpose, to_char(s.expires_at, 'YYYY-MM-DD') as "expiresAt",
              s.granted_at as "grantedAt", s.revoked_at as "revokedAt"
       from core.person_share s join core.organization o on o.id = s.grantee_org_id
       where s.person_id = ? order by s.granted_at desc`,
      [personId],
    );
  }
}
