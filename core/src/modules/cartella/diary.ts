// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../people/people';
import type { Cartella } from './cartelle';
import type { Confidentiality } from './codes';
import type { DiaryNoteInput, DiaryQuery } from './schemas';

export interface DiaryNote {
  readonly id: string;
  readonly cartellaId: string;
  readonly occurredOn: string;
  readonly type: string;
  readonly confidentiality: Confidentiality;
  readonly body: string;
  readonly correctsId: string | null;
  /** Later notes correcting this one, among those the reader may see. */
  readonly correctedBy: string[];
  readonly authorId: string;
  readonly authorName: string;
  readonly createdAt: Date;
}

/** Notes per page of the diary. */
export const DIARY_PAGE = 50;

/**
 * The diary: dated, typed notes with a confidentiality level. Notes are never edited or deleted (the
 * table refuses it); a correction is a new note pointing at the one it corrects. Which notes a reader
 * gets is row-level security's business: team-only notes reach only the responsible and the team.
 */
export class DiaryService {
  private select(where: string): string {
    return `
      select n.id::text as id, n.cartella_id::text as "cartellaId", to_char(n.occurred_on, 'YYYY-MM-DD') as "occurredOn", n.type,
             n.confidentiality, n.body, n.corrects_id::text as "correctsId",
             array(select c.id::text from core.diary_note c where c.corrects_id = n.id order by c.created_at) as "correctedBy",
             n.author_id::text as "authorId", a.display_name as "authorName", n.created_at as "createdAt"
      from core.diary_note n join core.operator a on a.id = n.author_id
      where n.owner_org_id = any (core.request_scope()) and ${where}`;
  }

  async find(em: EntityManager, cartellaId: string, id: string): Promise<DiaryNote | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [row] = await em.execute<DiaryNote[]>(this.select('n.cartella_id = ? and n.id = ?'), [cartellaId, id]);
    return row ?? null;
  }

  /** The latest notes, for the cartella's page. */
  async recent(em: EntityManager, cartellaId: string, count: number): Promise<DiaryNote[]> {
    return em.execute<DiaryNote[]>(`${this.select('n.cartella_id = ?')} order by n.occurred_on desc, n.created_at desc limit ?`, [
      cartellaId,
      count,
    ]);
  }

  /** A page of the diary, newest first, filtered by type, confidentiality and period. */
  async list(em: EntityManager, cartellaId: string, q: DiaryQuery): Promise<{ items: DiaryNote[]; total: number }> {
    const where = ['n.cartella_id = ?'];
    const params: unknown[] = [cartellaId];
    if (q.type) {
      where.push('n.type = ?');
      params.push(q.type);
    }
    if (q.confidentiality) {
      where.push('n.confidentiality = ?');
      params.push(q.confidentiality);
    }
    if (q.from) {
      where.push('n.occurred_on >= ?::date');
      params.push(q.from);
    }
    if (q.to) {
      where.push('n.occurred_on <= ?::date');
      params.push(q.to);
    }
    const rows = await em.execute<(DiaryNote & { total: string })[]>(
      `select *, count(*) over () as total from (${this.select(where.join(' and '))}) notes
       order by "occurredOn" desc, "createdAt" desc limit ? offset ?`,
      [...params, DIARY_PAGE, (q.page - 1) * DIARY_PAGE],
    );
    return { items: rows.map(({ total: _total, ...note }) => note), total: Number(rows[0]?.total ?? 0) };
  }

  async add(em: EntityManager, cartella: Cartella, input: DiaryNoteInput & { occurredOn: string }, actor: Actor): Promise<string> {
    const [row] = await em.execute<{ id: string }[]>(
      `insert into core.diary_note (cartella_id, owner_org_id, occurred_on, type, confidentiality, body, corrects_id, author_id)
       values (?, ?, ?, ?, ?, ?, ?, ?) returning id::text as id`,
      [
        cartella.id,
        cartella.ownerOrgId,
        input.occurredOn,
        input.type,
        input.confidentiality,
        input.body,
        input.correctsId ?? null,
        actor.operatorId,
      ],
    );
    return row!.id;
  }
}
