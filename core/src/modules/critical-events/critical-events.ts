// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';

/** A critical event as read back: who recorded it, and its withdrawal when it was a mistake. */
export interface CriticalEvent {
  readonly id: string;
  readonly ownerOrgId: string;
  readonly personId: string;
  readonly type: string;
  readonly occurredOn: string;
  readonly note: string | null;
  readonly recordedBy: string | null;
  readonly recordedAt: Date;
  readonly withdrawnAt: Date | null;
  readonly withdrawnBy: string | null;
  readonly withdrawnReason: string | null;
}

const COLUMNS = `e.id::text as id, e.owner_org_id::text as "ownerOrgId", e.person_id::text as "personId", e.event_type as type,
  to_char(e.occurred_on, 'YYYY-MM-DD') as "occurredOn", e.note, r.display_name as "recordedBy", e.recorded_at as "recordedAt",
  e.withdrawn_at as "withdrawnAt", w.display_name as "withdrawnBy", e.withdrawn_reason as "withdrawnReason"`;
const FROM = `core.critical_event e left join core.operator r on r.id = e.recorded_by left join core.operator w on w.id = e.withdrawn_by`;

/** Critical events: recorded, listed, withdrawn; never edited (the database refuses it). Row-level security fences them. */
export class CriticalEventService {
  async ofPerson(em: EntityManager, personId: string): Promise<CriticalEvent[]> {
    return em.execute<CriticalEvent[]>(
      `select ${COLUMNS} from ${FROM} where e.person_id = ? order by e.occurred_on desc, e.recorded_at desc`,
      [personId],
    );
  }

  async find(em: EntityManager, id: string): Promise<CriticalEvent | null> {
    const [row] = await em.execute<CriticalEvent[]>(`select ${COLUMNS} from ${FROM} where e.id = ?`, [id]);
    return row ?? null;
  }

  async record(
    em: EntityManager,
    input: { ownerOrgId: string; personId: string; type: string; occurredOn: string; note: string | null; operatorId: string },
  ): Promise<string> {
    const [row] = await em.execute<{ id: string }[]>(
      `insert into core.critical_event (owner_org_id, person_id, event_type, occurred_on, note, recorded_by)
       values (?, ?, ?, ?::date, ?, ?) returning id::text as id`,
      [input.ownerOrgId, input.personId, input.type, input.occurredOn, input.note, input.operatorId],
    );
    return row!.id;
  }

  /** False when it was withdrawn already. */
  async withdraw(em: EntityManager, id: string, operatorId: string, reason: string): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(
      `update core.critical_event set withdrawn_at = now(), withdrawn_by = ?, withdrawn_reason = ?
       where id = ? and withdrawn_at is null returning id`,
      [operatorId, reason, id],
    );
    return rows.length > 0;
  }
}

export const criticalEvents = new CriticalEventService();
