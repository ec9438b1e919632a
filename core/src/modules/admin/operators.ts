// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import { OperatorService } from '../operators/operators';
import type { OperatorCreate, OperatorSearch } from './schemas';
import { isUuid, withinReach, type AdminReach } from './reach';

export interface OperatorSummary {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly active: boolean;
  readonly locked: boolean;
}

export interface AdminMembership {
  readonly id: string;
  readonly organizationId: string;
  readonly organizationName: string;
  readonly organizationCode: string;
  readonly roleId: string;
  readonly roleName: { readonly it: string; readonly en: string };
}

/** An operator's account as administrators see it: never a password or token hash. */
export interface OperatorDetail extends OperatorSummary {
  readonly failedAttempts: number;
  readonly lockedUntil: Date | null;
  readonly createdAt: Date;
  readonly passwordChangedAt: Date | null;
  readonly activeSessions: number;
  readonly activeTokens: number;
  /** Memberships in organizations within the reach. */
  readonly memberships: readonly AdminMembership[];
  /** Whether it also holds memberships outside the reach (not shown). */
  readonly elsewhere: boolean;
}

const SUMMARY = `o.id::text as id, o.username, o.display_name as "displayName", o.email, o.active,
  coalesce(o.locked_until > now(), false) as locked`;

const MEMBERSHIPS = `select m.id::text as id, m.organization_id::text as "organizationId", g.name as "organizationName",
    g.code as "organizationCode", m.role_id as "roleId", json_build_object('it', r.name_it, 'en', r.name_en) as "roleName"
  from core.membership m join core.organization g on g.id = m.organization_id join core.role r on r.id = m.role_id`;

/** Operator accounts and memberships as administrators read and change them; the fences are the callers'. */
export class OperatorDirectory {
  private readonly accounts = new OperatorService();

  /** Operators holding a membership within the reach (every operator, for the whole installation), by username or name. */
  async search(em: EntityManager, reach: AdminReach, q: OperatorSearch): Promise<{ items: OperatorSummary[]; total: number }> {
    const scope = withinReach(reach, 'm.organization_id');
    const visible = reach.installation ? 'true' : `exists (select from core.membership m where m.operator_id = o.id and ${scope.sql})`;
    const term = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const where = `${visible} and (?::text is null or o.username ilike ? or o.display_name ilike ?)`;
    const params = [...scope.params, term, term, term];
    const [count] = await em.execute<{ n: string }[]>(`select count(*) as n from core.operator o where ${where}`, params);
    const items = await em.execute<OperatorSummary[]>(
      `select ${SUMMARY} from core.operator o where ${where} order by o.display_name, o.username limit ? offset ?`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { items, total: Number(count?.n ?? 0) };
  }

  /** The operator, when it holds a membership within the reach (any operator, for the whole installation). */
  async find(em: EntityManager, reach: AdminReach, id: string | undefined): Promise<OperatorDetail | null> {
    if (!isUuid(id)) return null;
    const [row] = await em.execute<Omit<OperatorDetail, 'memberships' | 'elsewhere'>[]>(
      `select ${SUMMARY}, o.failed_attempts as "failedAttempts", o.locked_until as "lockedUntil", o.created_at as "createdAt",
              o.password_changed_at as "passwordChangedAt",
              (select count(*)::int from core.session s
                where s.operator_id = o.id and s.revoked_at is null and s.expires_at > now()) as "activeSessions",
              (select count(*)::int from core.api_token t
                where t.operator_id = o.id and t.revoked_at is null and (t.expires_at is null or t.expires_at > now())) as "activeTokens"
       from core.operator o where o.id = ?`,
      [id],
    );
    if (!row) return null;
    const all = await em.execute<AdminMembership[]>(`${MEMBERSHIPS} where m.operator_id = ? order by g.name, r.id`, [id]);
    const memberships = all.filter((m) => reach.installation || reach.orgs.has(m.organizationId));
    if (!reach.installation && !memberships.length) return null;
    return { ...row, memberships, elsewhere: memberships.length < all.length };
  }

  async membership(em: EntityManager, operatorId: string, membershipId: string | undefined): Promise<AdminMembership | null> {
    if (!isUuid(membershipId)) return null;
    const [row] = await em.execute<AdminMembership[]>(`${MEMBERSHIPS} where m.operator_id = ? and m.id = ?`, [operatorId, membershipId]);
    return row ?? null;
  }

  async usernameTaken(em: EntityManager, username: string): Promise<boolean> {
    return (await em.execute('select 1 from core.operator where lower(username) = lower(?)', [username])).length > 0;
  }

  async create(em: EntityManager, input: OperatorCreate): Promise<string> {
    return this.accounts.create(em, {
      username: input.username,
      displayName: input.displayName,
      email: input.email,
      password: input.password,
    });
  }

  /** The new membership's id, or null when the operator already holds that role there. */
  async addMembership(em: EntityManager, operatorId: string, organizationId: string, roleId: string): Promise<string | null> {
    const [row] = await em.execute<{ id: string }[]>(
      `insert into core.membership (operator_id, organization_id, role_id) values (?, ?, ?)
       on conflict (operator_id, organization_id, role_id) do nothing returning id::text as id`,
      [operatorId, organizationId, roleId],
    );
    return row?.id ?? null;
  }

  /**
   * Removes a membership. What acted in it stops at once: its sessions end and
   * its API tokens are revoked; both rows stay, without it, for the record.
   */
  async removeMembership(em: EntityManager, membershipId: string): Promise<{ sessions: number; tokens: number }> {
    const ended = await em.execute<{ id: string }[]>(
      'update core.session set revoked_at = now() where membership_id = ? and revoked_at is null returning id',
      [membershipId],
    );
    const revoked = await em.execute<{ id: string }[]>(
      'update core.api_token set revoked_at = now() where membership_id = ? and revoked_at is null returning id',
      [membershipId],
    );
    await em.execute('update core.session set membership_id = null where membership_id = ?', [membershipId]);
    await em.execute('update core.api_token set membership_id = null where membership_id = ?', [membershipId]);
    await em.execute('delete from core.membership where id = ?', [membershipId]);
    return { sessions: ended.length, tokens: revoked.length };
  }

  async setActive(em: EntityManager, id: string, active: boolean): Promise<void> {
    await em.execute('update core.operator set active = ? where id = ?', [active, id]);
  }

  async unlock(em: EntityManager, id: string): Promise<void> {
    await em.execute('update core.operator set failed_attempts = 0, locked_until = null where id = ?', [id]);
  }
}
