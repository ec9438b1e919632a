// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import { SHARE_PARTS } from '../../migrations/Migration20261123160000_cartella_sharing';
import type { Actor } from '../people/people';
import type { Cartella } from './cartelle';

export { SHARE_PARTS };
export type SharePart = (typeof SHARE_PARTS)[number];

/** The longest a share may last: an integrated assessment (UVM/UVMD) and its follow-up fit in a year; longer needs a new decision. */
export const MAX_SHARE_DAYS = 366;

export type ShareStatus = 'active' | 'expired' | 'revoked';

export interface CartellaShare {
  readonly id: string;
  readonly cartellaId: string;
  readonly cartellaNumber: string;
  readonly ownerOrgId: string;
  readonly ownerName: string;
  readonly granteeOrgId: string;
  readonly granteeCode: string;
  readonly granteeName: string;
  readonly personId: string;
  readonly surname: string;
  readonly name: string;
  readonly parts: SharePart[];
  readonly purpose: string;
  readonly expiresOn: string;
  readonly legalBasis: string | null;
  readonly grantedAt: Date;
  readonly grantedBy: string | null;
  readonly revokedAt: Date | null;
  readonly revokedBy: string | null;
  readonly status: ShareStatus;
  /** Granted by an organization of the request's scope: the side that may revoke it. */
  readonly owned: boolean;
}

export interface GrantInput {
  readonly granteeOrgId: string;
  readonly parts: readonly SharePart[];
  readonly purpose: string;
  readonly expiresOn: string;
  readonly legalBasis: string | null;
}

export type RevokeOutcome =
  | { readonly kind: 'revoked'; readonly share: CartellaShare }
  | { readonly kind: 'missing' }
  | { readonly kind: 'not-owner' }
  | { readonly kind: 'already-ended' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The cartella and person joins are plain: the owner sees them by its own policies, the partner through the
// share's (the cartella's `_shared_read`, the companion person share); a share whose cartella the reader
// cannot see does not come out.
const SHARE = `
  select s.id::text as id, s.cartella_id::text as "cartellaId", k.year || '/' || lpad(k.seq::text, 4, '0') as "cartellaNumber",
         s.owner_org_id::text as "ownerOrgId", ow.name as "ownerName", s.grantee_org_id::text as "granteeOrgId",
         g.code as "granteeCode", g.name as "granteeName", k.person_id::text as "personId", p.surname, p.name,
         s.parts, s.purpose, to_char(s.expires_on, 'YYYY-MM-DD') as "expiresOn", s.legal_basis as "legalBasis",
         s.granted_at as "grantedAt", gb.display_name as "grantedBy", s.revoked_at as "revokedAt", rb.display_name as "revokedBy",
         case when s.revoked_at is not null then 'revoked' when s.expires_on < core.local_today() then 'expired' else 'active' end as status,
         (s.owner_org_id = any (core.request_scope())) as owned
  from core.cartella_share s
  join core.cartella k on k.id = s.cartella_id
  join core.person p on p.id = k.person_id
  join core.organization ow on ow.id = s.owner_org_id
  join core.organization g on g.id = s.grantee_org_id
  left join core.operator gb on gb.id = s.granted_by
  left join core.operator rb on rb.id = s.revoked_by`;

/** The explicit filter of these queries (row-level security repeats it): either side of the share. */
const EITHER_SIDE = '(s.owner_org_id = any (core.request_scope()) or s.grantee_org_id = any (core.request_scope()))';

/**
 * Sharing a cartella, or parts of it, with an organization outside the owner's scope, with a purpose and an
 * end date; revoked only by the granting side. A share ends by itself at its end date: the database's
 * `core.cartella_shared_with_scope` compares it with today on every read. Authorization and audit are the caller's.
 */
export class CartellaSharingService {
  /**
   * Grants a share, with its companion person share (same purpose and end) so that the registry shows the
   * partner the cartella's person — and only that person: the household's other members are third parties.
   */
  async grant(em: EntityManager, cartella: Cartella, input: GrantInput, actor: Actor): Promise<string> {
    const parts = SHARE_PARTS.filter((p) => p === 'summary' || input.parts.includes(p));
    // Owned by the cartella's owner, the side that shares (the person's record may be another desk's, or shared with it).
    const [person] = await em.execute<{ id: string }[]>(
      `insert into core.person_share (person_id, owner_org_id, grantee_org_id, purpose, expires_at, granted_by)
       values (?, ?, ?, ?, ?, ?) returning id::text as id`,
      [cartella.personId, cartella.ownerOrgId, input.granteeOrgId, input.purpose, input.expiresOn, actor.operatorId],
    );
    const [row] = await em.execute<{ id: string }[]>(
      `insert into core.cartella_share (cartella_id, owner_org_id, grantee_org_id, parts, purpose, expires_on, legal_basis, person_share_id, granted_by)
       values (?, ?, ?, ?::text[], ?, ?, ?, ?, ?) returning id::text as id`,
      [
        cartella.id,
        cartella.ownerOrgId,
        input.granteeOrgId,
        `{${parts.join(',')}}`,
        input.purpose,
        input.expiresOn,
        input.legalBasis,
        person?.id ?? null,
        actor.operatorId,
      ],
    );
    return row!.id;
  }

  /** The cartella's shares the request sees (all of them for the owner, its own for a partner), the live ones first. */
  async of(em: EntityManager, cartellaId: string): Promise<CartellaShare[]> {
    return em.execute<CartellaShare[]>(
      `${SHARE} where s.cartella_id = ? and ${EITHER_SIDE}
       order by (s.revoked_at is null and s.expires_on >= core.local_today()) desc, s.granted_at desc, s.id`,
      [cartellaId],
    );
  }

  async find(em: EntityManager, cartellaId: string, id: string): Promise<CartellaShare | null> {
    if (!UUID.test(id)) return null;
    const [row] = await em.execute<CartellaShare[]>(`${SHARE} where s.id = ? and s.cartella_id = ? and ${EITHER_SIDE}`, [id, cartellaId]);
    return row ?? null;
  }

  /** The live shares to the request's organizations: "cartelle shared with us", ending soonest first. */
  async sharedWithScope(em: EntityManager): Promise<CartellaShare[]> {
    return em.execute<CartellaShare[]>(
      `${SHARE} where s.grantee_org_id = any (core.request_scope()) and s.revoked_at is null and s.expires_on >= core.local_today()
       order by s.expires_on, k.year, k.seq`,
    );
  }

  /** The live share opening this cartella to the request's scope (the one ending last), or null. */
  async liveToScope(em: EntityManager, cartellaId: string): Promise<CartellaShare | null> {
    if (!UUID.test(cartellaId)) return null;
    const [row] = await em.execute<CartellaShare[]>(
      `${SHARE} where s.cartella_id = ? and s.grantee_org_id = any (core.request_scope()) and s.revoked_at is null
         and s.expires_on >= core.local_today()
       order by s.expires_on desc limit 1`,
      [cartellaId],
    );
    return row ? { ...row, parts: this.liveParts(await this.allLive(em, cartellaId)) } : null;
  }

  private async allLive(em: EntityManager, cartellaId: string): Promise<{ parts: SharePart[] }[]> {
    return em.execute<{ parts: SharePart[] }[]>(
      `select s.parts from core.cartella_share s where s.cartella_id = ? and s.grantee_org_id = any (core.request_scope())
         and s.revoked_at is null and s.expires_on >= core.local_today()`,
      [cartellaId],
    );
  }

  /** Several live shares to one partner open the union of their parts, as the policies do. */
  private liveParts(rows: readonly { parts: SharePart[] }[]): SharePart[] {
    return SHARE_PARTS.filter((p) => rows.some((r) => r.parts.includes(p)));
  }

  /**
   * Ends a share now, with its companion person share. Only the granting side may: the partner sees the share
   * (it is what opens the cartella to it) but must not decide it away.
   */
  async revoke(em: EntityManager, cartellaId: string, shareId: string, actor: Actor): Promise<RevokeOutcome> {
    const found = await this.find(em, cartellaId, shareId);
    if (!found) return { kind: 'missing' };
    if (!found.owned) return { kind: 'not-owner' };
    if (found.status !== 'active') return { kind: 'already-ended' };
    // `revoked_at is null` again: of two simultaneous revocations, the second changes nothing.
    const [updated] = await em.execute<{ personShareId: string | null }[]>(
      `update core.cartella_share set revoked_at = now(), revoked_by = ?
       where id = ? and revoked_at is null and owner_org_id = any (core.request_scope()) returning person_share_id::text as "personShareId"`,
      [actor.operatorId, shareId],
    );
    if (!updated) return { kind: 'already-ended' };
    if (updated.personShareId) {
      await em.execute(
        `update core.person_share set revoked_at = now(), revoked_by = ?
         where id = ? and revoked_at is null and owner_org_id = any (core.request_scope())`,
        [actor.operatorId, updated.personShareId],
      );
    }
    return { kind: 'revoked', share: (await this.find(em, cartellaId, shareId))! };
  }
}
