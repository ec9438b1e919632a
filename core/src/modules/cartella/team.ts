// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../people/people';
import type { Cartella } from './cartelle';

export interface TeamMember {
  readonly id: string;
  readonly operatorId: string;
  readonly displayName: string;
  readonly role: string;
  readonly validFrom: string;
  readonly validTo: string | null;
}

export interface EligibleOperator {
  readonly id: string;
  readonly displayName: string;
}

export type TeamOutcome = 'done' | 'missing' | 'already' | 'before-start';

/**
 * A cartella's team (équipe): operators with a role in it, from a date, until the day they leave. A
 * membership is never deleted, so the team of any past day can be told; the responsible operator is
 * the cartella's own column, not a team row.
 */
export class TeamService {
  /** Everyone who was ever on the team, current members first. */
  async members(em: EntityManager, cartellaId: string): Promise<TeamMember[]> {
    return em.execute<TeamMember[]>(
      `select t.id::text as id, t.operator_id::text as "operatorId", o.display_name as "displayName", t.role,
              to_char(t.valid_from, 'YYYY-MM-DD') as "validFrom", to_char(t.valid_to, 'YYYY-MM-DD') as "validTo"
       from core.cartella_team t join core.operator o on o.id = t.operator_id
       where t.cartella_id = ? and t.owner_org_id = any (core.request_scope())
       order by (t.valid_to is not null and t.valid_to <= core.local_today()), t.valid_from, o.display_name`,
      [cartellaId],
    );
  }

  /**
   * Who may be responsible or on the team: active operators acting somewhere in the request's scope
   * in a role that may read cartelle (the role matrix decides, so an administrator's changes count).
   */
  async eligible(em: EntityManager): Promise<EligibleOperator[]> {
    return em.execute<EligibleOperator[]>(
      `select distinct o.id::text as id, o.display_name as "displayName"
       from core.operator o
       join core.membership m on m.operator_id = o.id
       join core.role_permission rp on rp.role_id = m.role_id and rp.permission_id = 'core.cartella.view'
       where o.active and m.organization_id = any (core.request_scope())
       order by o.display_name`,
    );
  }

  async isEligible(em: EntityManager, operatorId: string): Promise<boolean> {
    return (await this.eligible(em)).some((o) => o.id === operatorId);
  }

  /** Adds an operator from a date; one current membership per operator. */
  async add(
    em: EntityManager,
    cartella: Cartella,
    input: { operatorId: string; role: string; validFrom: string },
    actor: Actor,
  ): Promise<{ outcome: TeamOutcome; id?: string }> {
    const [current] = await em.execute(`select 1 from core.cartella_team where cartella_id = ? and operator_id = ? and valid_to is null`, [
      cartella.id,
      input.operatorId,
    ]);
    if (current) return { outcome: 'already' };
    const [row] = await em.execute<{ id: string }[]>(
      `insert into core.cartella_team (cartella_id, owner_org_id, operator_id, role, valid_from, added_by)
       values (?, ?, ?, ?, ?, ?) returning id::text as id`,
      [cartella.id, cartella.ownerOrgId, input.operatorId, input.role, input.validFrom, actor.operatorId],
    );
    return { outcome: 'done', id: row!.id };
  }

  /** Ends a membership on a date (the first day they are no longer on the team); the history keeps it. */
  async end(em: EntityManager, cartella: Cartella, memberId: string, validTo: string, actor: Actor): Promise<TeamOutcome> {
    if (!/^[0-9a-f-]{36}$/i.test(memberId)) return 'missing';
    const [member] = await em.execute<{ validFrom: string }[]>(
      `select to_char(valid_from, 'YYYY-MM-DD') as "validFrom" from core.cartella_team
       where id = ? and cartella_id = ? and valid_to is null and owner_org_id = any (core.request_scope())`,
      [memberId, cartella.id],
    );
    if (!member) return 'missing';
    if (validTo < member.validFrom) return 'before-start';
    await em.execute(`update core.cartella_team set valid_to = ?, ended_at = now(), ended_by = ? where id = ?`, [
      validTo,
      actor.operatorId,
      memberId,
    ]);
    return 'done';
  }
}
