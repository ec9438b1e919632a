// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AlertSubject, RaisedAlert } from '../../sdk/extension-points/alerts';

export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

export interface Alert {
  readonly id: string;
  readonly ruleId: string;
  readonly code: string;
  readonly subjectType: AlertSubject['type'];
  readonly subjectId: string;
  /** Who or what the subject is, in words (surname and name, a cartella's number); null when not visible. */
  readonly subjectLabel: string | null;
  readonly severity: RaisedAlert['severity'];
  readonly messageKey: string;
  readonly params: Record<string, string | number>;
  readonly status: AlertStatus;
  readonly raisedAt: Date;
  readonly acknowledgedAt: Date | null;
  readonly acknowledgedBy: string | null;
  readonly note: string | null;
  readonly resolvedAt: Date | null;
}

export interface FoundAlert {
  readonly ruleId: string;
  readonly alert: RaisedAlert;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const key = (ruleId: string, subjectType: string, subjectId: string, code: string): string =>
  `${ruleId}|${subjectType}|${subjectId}|${code}`;

const COLUMNS = `a.id::text as id, a.rule_id as "ruleId", a.code, a.subject_type as "subjectType", a.subject_id::text as "subjectId",
  a.severity, a.message_key as "messageKey", a.params, a.status, a.raised_at as "raisedAt", a.acknowledged_at as "acknowledgedAt",
  op.username as "acknowledgedBy", a.note, a.resolved_at as "resolvedAt",
  case a.subject_type
    when 'person' then (select concat_ws(' ', p.surname, p.name) from core.person p where p.id = a.subject_id)
    when 'cartella' then (select concat(k.year, '/', lpad(k.seq::text, 4, '0'), ' – ', p.surname, ' ', p.name)
                          from core.cartella k join core.person p on p.id = k.person_id where k.id = a.subject_id)
    when 'household' then (select coalesce(h.label, h.kind) from core.household h where h.id = a.subject_id)
  end as "subjectLabel"`;

/** Alerts: kept in step with what the rules find, listed for operators, acknowledged with a note. */
export class AlertService {
  /**
   * Makes an organization's alerts of these rules match what the rules found
   * now: new ones are raised, ones still holding keep their state (an
   * acknowledged alert is not raised again), ones no longer found are resolved.
   */
  async reconcile(
    em: EntityManager,
    organizationId: string,
    ruleIds: readonly string[],
    found: readonly FoundAlert[],
  ): Promise<{ raised: number; resolved: number }> {
    if (!ruleIds.length) return { raised: 0, resolved: 0 };
    const current = await em.execute<{ id: string; rule_id: string; subject_type: string; subject_id: string; code: string }[]>(
      `select id::text as id, rule_id, subject_type, subject_id::text as subject_id, code from core.alert
       where owner_org_id = ? and status <> 'resolved' and rule_id = any (?::text[])`,
      [organizationId, `{${ruleIds.join(',')}}`],
    );
    const holding = new Set(found.map((f) => key(f.ruleId, f.alert.subject.type, f.alert.subject.id, f.alert.code)));
    const existing = new Set(current.map((c) => key(c.rule_id, c.subject_type, c.subject_id, c.code)));
    const gone = current.filter((c) => !holding.has(key(c.rule_id, c.subject_type, c.subject_id, c.code)));
    if (gone.length) {
      await em.execute(`update core.alert set status = 'resolved', resolved_at = now() where id = any (?::uuid[])`, [
        `{${gone.map((g) => g.id).join(',')}}`,
      ]);
    }
    let raised = 0;
    for (const { ruleId, alert } of found) {
      const params = JSON.stringify(alert.params ?? {});
      if (existing.has(key(ruleId, alert.subject.type, alert.subject.id, alert.code))) {
        // Still holding: its figures (how many contacts, which date) follow the data.
        await em.execute(
          `update core.alert set severity = ?, message_key = ?, params = ?::jsonb
           where owner_org_id = ? and rule_id = ? and subject_type = ? and subject_id = ? and code = ? and status <> 'resolved'`,
          [alert.severity, alert.messageKey, params, organizationId, ruleId, alert.subject.type, alert.subject.id, alert.code],
        );
        continue;
      }
      await em.execute(
        `insert into core.alert (owner_org_id, rule_id, code, subject_type, subject_id, severity, message_key, params)
         values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)`,
        [organizationId, ruleId, alert.code, alert.subject.type, alert.subject.id, alert.severity, alert.messageKey, params],
      );
      raised += 1;
    }
    return { raised, resolved: gone.length };
  }

  /** The scope's alerts, the most severe and newest first: open ones by default, or about these subjects. */
  async list(
    em: EntityManager,
    q: { status?: AlertStatus | 'current'; subject?: AlertSubject; subjects?: readonly AlertSubject[]; limit?: number } = {},
  ): Promise<Alert[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const status = q.status ?? 'open';
    if (status === 'current') where.push(`a.status <> 'resolved'`);
    else {
      where.push('a.status = ?');
      params.push(status);
    }
    const subjects = [...(q.subject ? [q.subject] : []), ...(q.subjects ?? [])];
    if (subjects.length) {
      where.push(`(${subjects.map(() => '(a.subject_type = ? and a.subject_id = ?)').join(' or ')})`);
      for (const subject of subjects) params.push(subject.type, subject.id);
    } else if (q.subjects) {
      // An empty list of subjects is no subject at all, not every alert.
      where.push('false');
    }
    params.push(Math.min(q.limit ?? 100, 500));
    return em.execute<Alert[]>(
      `select ${COLUMNS} from core.alert a left join core.operator op on op.id = a.acknowledged_by
       where ${where.join(' and ')}
       order by case a.severity when 'critical' then 0 when 'warning' then 1 else 2 end, a.raised_at desc
       limit ?`,
      params,
    );
  }

  async find(em: EntityManager, id: string): Promise<Alert | null> {
    if (!UUID.test(id)) return null;
    const [row] = await em.execute<Alert[]>(
      `select ${COLUMNS} from core.alert a left join core.operator op on op.id = a.acknowledged_by where a.id = ?`,
      [id],
    );
    return row ?? null;
  }

  /** Marks an open alert as seen and handled, with the operator's note; false when it is not open any more. */
  async acknowledge(em: EntityManager, id: string, operatorId: string, note: string | null): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(
      `update core.alert set status = 'acknowledged', acknowledged_at = now(), acknowledged_by = ?, note = ?
       where id = ? and status = 'open' returning id`,
      [operatorId, note, id],
    );
    return rows.length > 0;
  }
}
