// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

export interface SessionPolicy {
  /** Minutes without a request before a session ends. */
  readonly idleMinutes: number;
  /** Hours after sign-in when a session ends regardless of activity. */
  readonly absoluteHours: number;
}

export interface ActiveSession {
  readonly id: string;
  readonly operatorId: string;
  readonly membershipId: string | null;
}

/** Only a hash of the token is stored: a stolen database copy opens no session. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Server-side sessions in PostgreSQL, so any app node can serve any request.
 * The browser holds a random token; the row holds its hash, the operator,
 * the membership the operator acts in, and the idle and absolute limits.
 */
export class SessionService {
  constructor(private readonly policy: SessionPolicy) {}

  async start(
    em: EntityManager,
    operatorId: string,
    membershipId: string | null,
    client: { ip: string; userAgent: string },
  ): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await em.execute(
      `insert into core.session (id, operator_id, membership_id, expires_at, ip, user_agent)
       values (?, ?, ?, now() + make_interval(hours => ?), ?, ?)`,
      [tokenHash(token), operatorId, membershipId, this.policy.absoluteHours, client.ip, client.userAgent.slice(0, 300)],
    );
    return token;
  }

  /**
   * The live session behind a token; null when unknown, revoked or expired.
   * The idle clock is written at most once a minute, not on every request.
   */
  async resolve(em: EntityManager, token: string): Promise<ActiveSession | null> {
    const [row] = await em.execute<(ActiveSession & { stale: boolean })[]>(
      `select id, operator_id as "operatorId", membership_id as "membershipId", last_seen_at < now() - interval '1 minute' as stale
       from core.session
       where id = ? and revoked_at is null and expires_at > now() and last_seen_at > now() - make_interval(mins => ?)`,
      [tokenHash(token), this.policy.idleMinutes],
    );
    if (!row) return null;
    if (row.stale) await em.execute('update core.session set last_seen_at = now() where id = ?', [row.id]);
    return { id: row.id, operatorId: row.operatorId, membershipId: row.membershipId };
  }

  async actAs(em: EntityManager, sessionId: string, membershipId: string): Promise<void> {
    await em.execute('update core.session set membership_id = ? where id = ?', [membershipId, sessionId]);
  }

  async end(em: EntityManager, sessionId: string): Promise<void> {
    await em.execute('update core.session set revoked_at = now() where id = ? and revoked_at is null', [sessionId]);
  }

  /** Signs the operator out everywhere: every browser, every device. Returns how many sessions ended. */
  async endAll(em: EntityManager, operatorId: string): Promise<number> {
    const rows = await em.execute<{ id: string }[]>(
      'update core.session set revoked_at = now() where operator_id = ? and revoked_at is null returning id',
      [operatorId],
    );
    return rows.length;
  }
}
