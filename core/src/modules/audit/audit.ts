// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditEvent } from '../../sdk/context';

export type { AuditEvent };

/** Who did it, where, as what: taken from the request. */
export interface AuditActor {
  readonly operatorId: string | null;
  /**
   * Who acted when no operator did: `service:<clientId>` for a request a plugin's service authenticator let in
   * (another administration's system). Absent or null for operators and anonymous requests.
   */
  readonly actor?: string | null;
  /**
   * The purpose every entry of the actor's request serves, when the request declared one (a service client's
   * PDND purpose); an event's own purpose prevails.
   */
  readonly purpose?: string | null;
  readonly organizationId: string | null;
  readonly roleId: string | null;
  readonly requestId: string | null;
  readonly ip: string | null;
}

export interface AuditEntry extends AuditActor, Required<Pick<AuditEvent, 'action'>> {
  readonly id: string;
  readonly at: Date;
  readonly entity: string | null;
  readonly entityId: string | null;
  readonly purpose: string | null;
  readonly details: Record<string, unknown>;
  readonly prevHash: string;
  readonly hash: string;
}

export const GENESIS = '0'.repeat(64);
/** One lock for the whole chain: entries are appended one at a time, cluster-wide. */
const CHAIN_LOCK = 7_310_001;
/** Rows per insert statement: 14 parameters each, well under PostgreSQL's 65,535. */
const INSERT_BATCH = 500;

/** JSON with sorted keys, so PostgreSQL's jsonb reordering does not change the hash. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export function entryHash(prevHash: string, e: Omit<AuditEntry, 'id' | 'hash' | 'prevHash'>): string {
  const payload = canonical([
    prevHash,
    e.at.toISOString(),
    e.operatorId,
    e.organizationId,
    e.roleId,
    e.action,
    e.entity,
    e.entityId,
    e.purpose,
    e.requestId,
    e.ip,
    e.details,
    // Only when there is one: the entries written before the column existed keep their hashes.
    ...(e.actor ? [e.actor] : []),
  ]);
  return createHash('sha256').update(payload).digest('hex');
}

const COLUMNS = `id::text, at, operator_id as "operatorId", actor, organization_id as "organizationId", role_id as "roleId", action, entity,
  entity_id as "entityId", purpose, request_id as "requestId", ip, details, prev_hash as "prevHash", hash`;

export interface AuditQuery {
  readonly operatorId?: string;
  /** Entries of a non-operator actor (`service:<clientId>`). */
  readonly actor?: string;
  readonly entity?: string;
  readonly entityId?: string;
  /** Any of these ids of `entity` (a person and the aliases merged into it, say). */
  readonly entityIds?: readonly string[];
  readonly from?: Date;
  readonly to?: Date;
  readonly limit?: number;
  /** Entries with an id below this one (keyset paging, newest first). */
  readonly before?: string;
}

/**
 * The append-only, hash-chained audit log. `record` runs in the caller's
 * transaction when there is one, so an audited change and its entry commit
 * or roll back together.
 */
export class AuditService {
  /**
   * Appends one entry, or several in the order given (an import's thousands of
   * creations): one lock and one read of the chain's head for all of them,
   * inserted a batch of rows per statement.
   */
  async record(em: EntityManager, actor: AuditActor, events: AuditEvent | readonly AuditEvent[]): Promise<void> {
    const list: readonly AuditEvent[] = Array.isArray(events) ? events : [events as AuditEvent];
    if (!list.length) return;
    await em.transactional(async (tx) => {
      await tx.execute(`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
      // The head of the whole chain, beyond what this request may read.
      const [last] = await tx.execute<{ hash: string | null }[]>('select core.audit_chain_head() as hash');
      let prevHash = last?.hash ?? GENESIS;
      const at = new Date();
      const rows = list.map((event) => {
        const entry = {
          at,
          operatorId: actor.operatorId,
          actor: actor.actor ?? null,
          organizationId: actor.organizationId,
          roleId: actor.roleId,
          requestId: actor.requestId,
          ip: actor.ip,
          action: event.action,
          entity: event.entity ?? null,
          entityId: event.entityId ?? null,
          purpose: event.purpose ?? actor.purpose ?? null,
          details: { ...(event.details ?? {}) },
        };
        const hash = entryHash(prevHash, entry);
        const row = [
          entry.at,
          entry.operatorId,
          entry.actor,
          entry.organizationId,
          entry.roleId,
          entry.action,
          entry.entity,
          entry.entityId,
          entry.purpose,
          entry.requestId,
          entry.ip,
          JSON.stringify(entry.details),
          prevHash,
          hash,
        ];
        prevHash = hash;
        return row;
      });
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        const batch = rows.slice(i, i + INSERT_BATCH);
        await tx.execute(
          `insert into core.audit_log (at, operator_id, actor, organization_id, role_id, action, entity, entity_id, purpose, request_id, ip, details, prev_hash, hash)
           values ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)').join(', ')}`,
          batch.flat(),
        );
      }
    });
  }

  /**
   * Newest first: the entries the request's scope may read, as row-level
   * security on core.audit_log decides (see the audit_scope migration).
   */
  async search(em: EntityManager, q: AuditQuery): Promise<AuditEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      where.push(sql);
      params.push(value);
    };
    if (q.operatorId) add('operator_id = ?', q.operatorId);
    if (q.actor) add('actor = ?', q.actor);
    if (q.entity) add('entity = ?', q.entity);
    if (q.entityId) add('entity_id = ?', q.entityId);
    if (q.entityIds) add('entity_id = any (?::text[])', `{${q.entityIds.join(',')}}`);
    if (q.from) add('at >= ?', q.from);
    if (q.to) add('at < ?', q.to);
    if (q.before) add('id < ?', q.before);
    params.push(Math.min(q.limit ?? 100, 10_000));
    return em.execute<AuditEntry[]>(
      `select ${COLUMNS} from core.audit_log ${where.length ? `where ${where.join(' and ')}` : ''} order by audit_log.id desc limit ?`,
      params,
    );
  }

  /**
   * Walks the whole chain in order and reports the first entry whose link or
   * hash does not match: a changed, removed or inserted entry shows there.
   */
  async verify(
    em: EntityManager,
    batch = 5_000,
  ): Promise<{ checked: number; firstBroken: { id: string; reason: 'link' | 'hash' } | null }> {
    let prev = GENESIS;
    let after = '0';
    let checked = 0;
    for (;;) {
      const rows = await em.execute<AuditEntry[]>(`select ${COLUMNS} from core.audit_chain(?, ?) audit_log order by audit_log.id`, [
        after,
        batch,
      ]);
      for (const row of rows) {
        if (row.prevHash !== prev) return { checked, firstBroken: { id: row.id, reason: 'link' } };
        if (entryHash(row.prevHash, { ...row, at: new Date(row.at) }) !== row.hash) {
          return { checked, firstBroken: { id: row.id, reason: 'hash' } };
        }
        prev = row.hash;
        checked += 1;
      }
      if (rows.length < batch) return { checked, firstBroken: null };
      after = rows[rows.length - 1]!.id;
    }
  }
}
