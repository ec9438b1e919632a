// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Person } from './entities';
import type { Actor } from './people';

export interface ShareView {
  readonly id: string;
  readonly organization: string;
  readonly organizationCode: string;
  readonly purpose: string;
  readonly expiresAt: string | null;
  readonly grantedAt: Date;
  readonly revokedAt: Date | null;
  /** Display name of the operator who revoked it. */
  readonly revokedBy: string | null;
  /** Past its end date (and not revoked): it no longer opens the record. */
  readonly expired: boolean;
  /** Owned by an organization of the request's scope: the side that granted it, and may revoke it. */
  readonly owned: boolean;
}

export type RevokeOutcome =
  | { readonly kind: 'revoked'; readonly share: ShareView }
  /** No such share of this person that the request sees. */
  | { readonly kind: 'missing' }
  /** The request is on the receiving side: it sees the share but did not grant it. */
  | { readonly kind: 'not-owner' }
  | { readonly kind: 'already-revoked' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SHARE = `s.id::text as id, o.name as organization, o.code as "organizationCode", s.purpose,
  to_char(s.expires_at, 'YYYY-MM-DD') as "expiresAt", s.granted_at as "grantedAt", s.revoked_at as "revokedAt",
  r.display_name as "revokedBy", (s.revoked_at is null and s.expires_at < core.local_today()) as expired,
  (s.owner_org_id = any (core.request_scope())) as owned
  from core.person_share s join core.organization o on o.id = s.grantee_org_id left join core.operator r on r.id = s.revoked_by`;

/**
 * Explicit sharing of a person's record with another organization, always
 * with a purpose and an end date: what lets an organization outside the
 * owner's tree see the record (row-level security reads these rows, through
 * core.person_shared_with_scope(), which ignores revoked and expired shares).
 * A revoked share is kept, with who revoked it and when, as the record's history.
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

  /** The person's shares the request sees (row-level security: the granting side's, or the ones to its scope), newest first. */
  async of(em: EntityManager, personId: string): Promise<ShareView[]> {
    return em.execute<ShareView[]>(`select ${SHARE} where s.person_id = ? order by s.granted_at desc, s.id`, [personId]);
  }

  /**
   * Ends a share now. Only the granting side may: the receiving side sees the share row (it is what
   * opens the record to it) but must not decide it away. The partner loses sight of the record from
   * the next query on, as the policy checks `revoked_at` on every read.
   */
  async revoke(em: EntityManager, personId: string, shareId: string, actor: Actor): Promise<RevokeOutcome> {
    if (!UUID.test(shareId)) return { kind: 'missing' };
    const [found] = await em.execute<ShareView[]>(`select ${SHARE} where s.id = ? and s.person_id = ?`, [shareId, personId]);
    if (!found) return { kind: 'missing' };
    if (!found.owned) return { kind: 'not-owner' };
    if (found.revokedAt) return { kind: 'already-revoked' };
    // `revoked_at is null` again: of two simultaneous revocations, the second changes nothing.
    const updated = await em.execute<{ id: string }[]>(
      `update core.person_share set revoked_at = now(), revoked_by = ?
       where id = ? and revoked_at is null and owner_org_id = any (core.request_scope()) returning id::text as id`,
      [actor.operatorId, shareId],
    );
    if (!updated.length) return { kind: 'already-revoked' };
    const [share] = await em.execute<ShareView[]>(`select ${SHARE} where s.id = ?`, [shareId]);
    return { kind: 'revoked', share: share! };
  }
}
