// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { PersonReference } from '../../sdk/extension-points/people';
import type { Person } from './entities';
import { summaries, visible, type Actor, type PersonSummary } from './people';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const QUALIFIED = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/;

/** Rows moved by a merge, per reference: what an undo moves back. */
type Moved = Record<string, string[]>;

export interface MergeRecord {
  readonly id: string;
  readonly survivorId: string;
  readonly mergedId: string;
  readonly mergedAt: Date;
  readonly undoneAt: Date | null;
  readonly moved: Moved;
}

export interface DuplicatePair {
  readonly a: PersonSummary;
  readonly b: PersonSummary;
  readonly reason: 'name-and-birth-date' | 'similar-name';
  readonly score: number;
}

function checked(ref: PersonReference): PersonReference {
  if (!QUALIFIED.test(ref.table) || !IDENTIFIER.test(ref.column) || !IDENTIFIER.test(ref.key)) {
    throw new Error(`person reference ${ref.id} names an unsafe identifier`);
  }
  return ref;
}

/**
 * Merging two registrations of one person, and undoing it. A merge moves
 * every row that points at the merged person (each declared PersonReference)
 * to the survivor, keeps the merged record as an alias (`merged_into`), and
 * journals exactly which rows moved, all in the caller's transaction.
 */
export class MergeService {
  /** Suspected duplicates among the people the request sees, strongest first; pairs judged distinct are left out. */
  async queue(em: EntityManager, limit = 50): Promise<DuplicatePair[]> {
    const rows = await em.execute<{ a: string; b: string; reason: DuplicatePair['reason']; score: number }[]>(
      `select a.id::text as a, b.id::text as b,
              case when a.search_name = b.search_name then 'name-and-birth-date' else 'similar-name' end as reason,
              public.similarity(a.search_name, b.search_name) as score
       from core.person a
       join core.person b on b.birth_date = a.birth_date and a.id < b.id
       where a.merged_into is null and b.merged_into is null
         and ${visible('a')} and ${visible('b')}
         and (a.search_name = b.search_name
              or (a.birth_place_code = b.birth_place_code and public.similarity(a.search_name, b.search_name) >= 0.45))
         and not exists (select from core.person_distinct d where d.person_a = a.id and d.person_b = b.id)
       order by score desc, a.search_name
       limit ?`,
      [limit],
    );
    const ids = [...new Set(rows.flatMap((r) => [r.a, r.b]))];
    if (!ids.length) return [];
    const people = new Map((await summaries(em, ids)).map((p) => [p.id, p]));
    return rows.map((r) => ({ a: people.get(r.a)!, b: people.get(r.b)!, reason: r.reason, score: Number(r.score) }));
  }

  /** Records that two people are not the same, so the queue stops proposing them. */
  async markDistinct(em: EntityManager, one: Person, other: Person, actor: Actor): Promise<void> {
    const [a, b] = one.id < other.id ? [one.id, other.id] : [other.id, one.id];
    await em.execute(
      `insert into core.person_distinct (person_a, person_b, owner_org_id, decided_by) values (?, ?, ?, ?) on conflict do nothing`,
      [a, b, actor.orgId, actor.operatorId],
    );
  }

  async merge(em: EntityManager, survivor: Person, merged: Person, references: readonly PersonReference[], actor: Actor): Promise<string> {
    const moved: Moved = {};
    for (const ref of references.map(checked)) {
      const rows = await em.execute<{ key: string }[]>(
        `update ${ref.table} set ${ref.column} = ? where ${ref.column} = ? returning ${ref.key}::text as key`,
        [survivor.id, merged.id],
      );
      if (rows.length) moved[ref.id] = rows.map((r) => r.key);
    }
    await em.execute(`update core.person set merged_into = ?, version = version + 1, updated_at = now(), updated_by = ? where id = ?`, [
      survivor.id,
      actor.operatorId,
      merged.id,
    ]);
    const [row] = await em.execute<{ id: string }[]>(
      `insert into core.person_merge (owner_org_id, survivor_id, merged_id, moved, merged_by) values (?, ?, ?, ?::jsonb, ?) returning id::text as id`,
      [actor.orgId, survivor.id, merged.id, JSON.stringify(moved), actor.operatorId],
    );
    return row!.id;
  }

  async find(em: EntityManager, id: string): Promise<MergeRecord | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [row] = await em.execute<MergeRecord[]>(
      `select id::text as id, survivor_id::text as "survivorId", merged_id::text as "mergedId", merged_at as "mergedAt",
              undone_at as "undoneAt", moved
       from core.person_merge where id = ? and owner_org_id = any (core.request_scope())`,
      [id],
    );
    return row ?? null;
  }

  /** Merges the request's organizations made, newest first, with both people's names. */
  async list(em: EntityManager, limit = 100): Promise<(MergeRecord & { survivor: string; merged: string })[]> {
    return em.execute(
      `select m.id::text as id, m.survivor_id::text as "survivorId", m.merged_id::text as "mergedId", m.merged_at as "mergedAt",
              m.undone_at as "undoneAt", m.moved, s.surname || ' ' || s.name as survivor, d.surname || ' ' || d.name as merged
       from core.person_merge m join core.person s on s.id = m.survivor_id join core.person d on d.id = m.merged_id
       where m.owner_org_id = any (core.request_scope())
       order by m.merged_at desc limit ?`,
      [limit],
    );
  }

  /**
   * Moves back exactly the rows the merge moved and makes the merged person a
   * record of its own again. Rows added to the survivor after the merge stay.
   */
  async undo(em: EntityManager, merge: MergeRecord, references: readonly PersonReference[], actor: Actor): Promise<void> {
    const byId = new Map(references.map((r) => [r.id, checked(r)]));
    for (const [refId, keys] of Object.entries(merge.moved)) {
      const ref = byId.get(refId);
      if (!ref) throw new Error(`the merge moved rows of ${refId}, which is no longer declared`);
      if (!keys.length) continue;
      await em.execute(
        `update ${ref.table} set ${ref.column} = ? where ${ref.key}::text in (${keys.map(() => '?').join(', ')}) and ${ref.column} = ?`,
        [merge.mergedId, ...keys, merge.survivorId],
      );
    }
    await em.execute(`update core.person set merged_into = null, version = version + 1, updated_at = now(), updated_by = ? where id = ?`, [
      actor.operatorId,
      merge.mergedId,
    ]);
    await em.execute(`update core.person_merge set undone_at = now(), undone_by = ? where id = ?`, [actor.operatorId, merge.id]);
  }
}
