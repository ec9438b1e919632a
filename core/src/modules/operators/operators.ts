// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import { decoyHash, hashPassword, passwordProblems, verifyPassword } from './passwords';

export interface Operator {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
}

/** A role held in an organization: what a request acts as. */
export interface Membership {
  readonly id: string;
  readonly organizationId: string;
  readonly organizationCode: string;
  readonly organizationName: string;
  readonly roleId: string;
  readonly roleName: { readonly it: string; readonly en: string };
}

export type AuthenticationResult =
  | { readonly outcome: 'ok'; readonly operator: Operator }
  /** `operatorId` names the account a wrong password was tried on, for the audit log; never shown to the client. */
  | { readonly outcome: 'invalid'; readonly operatorId?: string }
  | { readonly outcome: 'locked'; readonly until: Date; readonly operatorId: string };

/** Failed attempts before an account locks, and for how long. */
export const LOCKOUT = { attempts: 5, minutes: 15 } as const;

const MEMBERSHIP_COLUMNS = `m.id, m.organization_id as "organizationId", o.code as "organizationCode", o.name as "organizationName",
  m.role_id as "roleId", json_build_object('it', r.name_it, 'en', r.name_en) as "roleName"`;

/** Local operator accounts: passwords, lockout, memberships. */
export class OperatorService {
  async authenticate(em: EntityManager, username: string, password: string): Promise<AuthenticationResult> {
    const [row] = await em.execute<{ id: string; username: string; displayName: string; hash: string | null; lockedUntil: Date | null }[]>(
      `select id, username, display_name as "displayName", password_hash as hash, locked_until as "lockedUntil"
       from core.operator where lower(username) = lower(?) and active`,
      [username],
    );
    if (!row?.hash) {
      await verifyPassword(await decoyHash(), password);
      return { outcome: 'invalid' };
    }
    if (row.lockedUntil && new Date(row.lockedUntil) > new Date())
      return { outcome: 'locked', until: new Date(row.lockedUntil), operatorId: row.id };
    if (!(await verifyPassword(row.hash, password))) {
      const [after] = await em.execute<{ lockedUntil: Date | null }[]>(
        `update core.operator set
           failed_attempts = failed_attempts + 1,
           locked_until = case when failed_attempts + 1 >= ? then now() + make_interval(mins => ?) else locked_until end
         where id = ? returning locked_until as "lockedUntil"`,
        [LOCKOUT.attempts, LOCKOUT.minutes, row.id],
      );
      return after?.lockedUntil && new Date(after.lockedUntil) > new Date()
        ? { outcome: 'locked', until: new Date(after.lockedUntil), operatorId: row.id }
        : { outcome: 'invalid', operatorId: row.id };
    }
    await em.execute('update core.operator set failed_attempts = 0, locked_until = null where id = ?', [row.id]);
    return { outcome: 'ok', operator: { id: row.id, username: row.username, displayName: row.displayName } };
  }

  async find(em: EntityManager, id: string): Promise<Operator | null> {
    const [row] = await em.execute<Operator[]>(
      `select id, username, display_name as "displayName" from core.operator where id = ? and active`,
      [id],
    );
    return row ?? null;
  }

  async memberships(em: EntityManager, operatorId: string): Promise<Membership[]> {
    return em.execute<Membership[]>(
      `select ${MEMBERSHIP_COLUMNS} from core.membership m
       join core.organization o on o.id = m.organization_id join core.role r on r.id = m.role_id
       where m.operator_id = ? order by o.name, r.id`,
      [operatorId],
    );
  }

  async membership(em: EntityManager, operatorId: string, membershipId: string): Promise<Membership | null> {
    const [row] = await em.execute<Membership[]>(
      `select ${MEMBERSHIP_COLUMNS} from core.membership m
       join core.organization o on o.id = m.organization_id join core.role r on r.id = m.role_id
       where m.operator_id = ? and m.id = ?`,
      [operatorId, membershipId],
    );
    return row ?? null;
  }

  /** Changes the password after checking the current one; i18n keys of the problems per field, or none. */
  async changePassword(
    em: EntityManager,
    operatorId: string,
    current: string,
    next: string,
  ): Promise<{ field: 'current' | 'next'; messageKey: string }[]> {
    const [row] = await em.execute<{ username: string; hash: string | null }[]>(
      'select username, password_hash as hash from core.operator where id = ?',
      [operatorId],
    );
    if (!row?.hash || !(await verifyPassword(row.hash, current)))
      return [{ field: 'current', messageKey: 'core:account.password.errors.wrongCurrent' }];
    const problems = passwordProblems(next, row.username).map((messageKey) => ({ field: 'next' as const, messageKey }));
    if (problems.length) return problems;
    await em.execute('update core.operator set password_hash = ?, password_changed_at = now() where id = ?', [
      await hashPassword(next),
      operatorId,
    ]);
    return [];
  }

  /** Creates an operator with a local password (used by seeds and administration). */
  async create(em: EntityManager, input: { username: string; displayName: string; email?: string; password: string }): Promise<string> {
    const [row] = await em.execute<{ id: string }[]>(
      `insert into core.operator (username, display_name, email, password_hash, password_changed_at)
       values (?, ?, ?, ?, now()) returning id`,
      [input.username, input.displayName, input.email ?? null, await hashPassword(input.password)],
    );
    return row!.id;
  }

  async addMembership(em: EntityManager, operatorId: string, organizationId: string, roleId: string): Promise<void> {
    await em.execute('insert into core.membership (operator_id, organization_id, role_id) values (?, ?, ?) on conflict do nothing', [
      operatorId,
      organizationId,
      roleId,
    ]);
  }
}
