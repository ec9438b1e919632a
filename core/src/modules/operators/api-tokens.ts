// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { tokenHash } from './sessions';

export interface ApiTokenInfo {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly organizationName: string;
  readonly roleId: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
}

/**
 * Personal API tokens: `Authorization: Bearer sgs_…`. Each acts in one of
 * the operator's memberships, is shown once, stored hashed, and revocable.
 */
export class ApiTokenService {
  async create(em: EntityManager, operatorId: string, membershipId: string, name: string): Promise<string> {
    const secret = randomBytes(24).toString('base64url');
    const token = `sgs_${secret}`;
    await em.execute(
      `insert into core.api_token (operator_id, membership_id, name, token_hash, prefix)
       select ?, m.id, ?, ?, ? from core.membership m where m.id = ? and m.operator_id = ?`,
      [operatorId, name, tokenHash(token), token.slice(0, 8), membershipId, operatorId],
    );
    return token;
  }

  async resolve(em: EntityManager, token: string): Promise<{ operatorId: string; membershipId: string } | null> {
    const [row] = await em.execute<{ operatorId: string; membershipId: string }[]>(
      `update core.api_token set last_used_at = now()
       where token_hash = ? and revoked_at is null and (expires_at is null or expires_at > now())
       returning operator_id as "operatorId", membership_id as "membershipId"`,
      [tokenHash(token)],
    );
    return row ?? null;
  }

  async list(em: EntityManager, operatorId: string): Promise<ApiTokenInfo[]> {
    return em.execute<ApiTokenInfo[]>(
      `select t.id, t.name, t.prefix, o.name as "organizationName", m.role_id as "roleId", t.created_at as "createdAt", t.last_used_at as "lastUsedAt"
       from core.api_token t join core.membership m on m.id = t.membership_id join core.organization o on o.id = m.organization_id
       where t.operator_id = ? and t.revoked_at is null order by t.created_at desc`,
      [operatorId],
    );
  }

  async revoke(em: EntityManager, operatorId: string, id: string): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(
      'update core.api_token set revoked_at = now() where id = ? and operator_id = ? and revoked_at is null returning id',
      [id, operatorId],
    );
    return rows.length > 0;
  }
}
