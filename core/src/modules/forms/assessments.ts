// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../people/people';
import type { Answers, Classifications, Scores } from './engine';

export type AssessmentStatus = 'draft' | 'final';

/** A stored assessment, as the pages and the API read it. */
export interface Assessment {
  readonly id: string;
  readonly ownerOrgId: string;
  readonly personId: string;
  readonly cartellaId: string | null;
  readonly formId: string;
  readonly formVersion: number;
  readonly answers: Answers;
  readonly scores: Scores;
  /** The profiles derived from the totals' bands, as computed when saved; `{}` for assessments made before the form had any. */
  readonly classifications: Classifications;
  readonly status: AssessmentStatus;
  /** YYYY-MM-DD: the day the person was assessed, which may precede the day it was recorded. */
  readonly assessedOn: string;
  /** The final assessment this one corrects. */
  readonly correctsId: string | null;
  /** The newest assessment that corrects this one, among those the request sees. */
  readonly correctedById: string | null;
  readonly version: number;
  readonly createdAt: Date;
  readonly createdBy: string | null;
  /** Display name of the operator who recorded it. */
  readonly author: string | null;
  readonly updatedAt: Date;
  readonly finalizedAt: Date | null;
}

/** An assessment as a summary lists it: no answers. */
export type AssessmentSummary = Pick<Assessment, 'id' | 'formId' | 'status' | 'assessedOn' | 'scores' | 'classifications'>;

/** What is saved: answers already read by the engine, with their totals and profiles. */
export interface AssessmentValues {
  readonly formVersion: number;
  readonly answers: Answers;
  readonly scores: Scores;
  readonly classifications: Classifications;
  readonly status: AssessmentStatus;
  readonly assessedOn: string;
}

export type UpdateOutcome =
  | { readonly kind: 'updated'; readonly assessment: Assessment }
  /** Final already: never changed. */
  | { readonly kind: 'final' }
  /** Someone saved it since the version the operator edited. */
  | { readonly kind: 'stale'; readonly version: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The explicit organization filter of these queries; row-level security repeats it underneath. */
const OWNED = 'a.owner_org_id = any (core.request_scope())';

const COLUMNS = `a.id::text as id, a.owner_org_id::text as "ownerOrgId", a.person_id::text as "personId",
  a.cartella_id::text as "cartellaId", a.form_id as "formId", a.form_version as "formVersion", a.answers, a.scores, a.classifications, a.status,
  to_char(a.assessed_on, 'YYYY-MM-DD') as "assessedOn", a.corrects_id::text as "correctsId",
  (select c.id::text from core.assessment c where c.corrects_id = a.id and c.owner_org_id = any (core.request_scope())
   order by c.created_at desc limit 1) as "correctedById",
  a.version, a.created_at as "createdAt", a.created_by::text as "createdBy", o.display_name as author,
  a.updated_at as "updatedAt", a.finalized_at as "finalizedAt"
  from core.assessment a left join core.operator o on o.id = a.created_by`;

/**
 * Storage of assessments. Reads see only the request's organizations' rows; a final assessment is
 * never updated (checked here, and by a trigger underneath); drafts are updated under optimistic locking.
 */
export class AssessmentService {
  async find(em: EntityManager, id: string): Promise<Assessment | null> {
    if (!UUID.test(id)) return null;
    const [row] = await em.execute<Assessment[]>(`select ${COLUMNS} where a.id = ? and ${OWNED}`, [id]);
    return row ?? null;
  }

  /** A person's assessments, newest first; of one form when given. */
  async ofPerson(em: EntityManager, personId: string, formId?: string): Promise<Assessment[]> {
    return em.execute<Assessment[]>(
      `select ${COLUMNS} where a.person_id = ? and ${OWNED} ${formId ? 'and a.form_id = ?' : ''}
       order by a.assessed_on desc, a.created_at desc`,
      formId ? [personId, formId] : [personId],
    );
  }

  /**
   * A person's latest assessments, newest first, without their answers: what a summary lists. Of the forms
   * given only (those the reader may see), so the limit counts what will be shown.
   */
  async latestOfPerson(
    em: EntityManager,
    personId: string,
    formIds: readonly string[],
    limit: number,
  ): Promise<{ items: AssessmentSummary[]; total: number }> {
    if (!UUID.test(personId) || !formIds.length) return { items: [], total: 0 };
    const rows = await em.execute<(AssessmentSummary & { total: number })[]>(
      `select a.id::text as id, a.form_id as "formId", a.status, to_char(a.assessed_on, 'YYYY-MM-DD') as "assessedOn", a.scores,
              a.classifications, count(*) over ()::int as total
       from core.assessment a
       where a.person_id = ? and a.form_id in (${formIds.map(() => '?').join(', ')}) and ${OWNED}
       order by a.assessed_on desc, a.created_at desc limit ?`,
      [personId, ...formIds, limit],
    );
    return { items: rows.map(({ total: _total, ...a }) => a), total: rows[0]?.total ?? 0 };
  }

  /**
   * For each form, the person's latest final assessment assessed on or before `on`, newest first: what an
   * eligibility check takes as found. A final correction replaces the assessment it corrects (whatever its
   * date); drafts are never taken. Forms in `excludedForms` (those the reader may not see) are left out.
   */
  async latestFinalOfPerson(
    em: EntityManager,
    personId: string,
    on: string,
    excludedForms: readonly string[] = [],
  ): Promise<Pick<Assessment, 'id' | 'formId' | 'formVersion' | 'assessedOn' | 'answers' | 'scores'>[]> {
    if (!UUID.test(personId)) return [];
    const excluded = excludedForms.length ? `and a.form_id not in (${excludedForms.map(() => '?').join(', ')})` : '';
    const rows = await em.execute<Pick<Assessment, 'id' | 'formId' | 'formVersion' | 'assessedOn' | 'answers' | 'scores'>[]>(
      `select distinct on (a.form_id) a.id::text as id, a.form_id as "formId", a.form_version as "formVersion",
              to_char(a.assessed_on, 'YYYY-MM-DD') as "assessedOn", a.answers, a.scores
       from core.assessment a
       where a.person_id = ? and a.status = 'final' and a.assessed_on <= ?::date and ${OWNED} ${excluded}
         and not exists (select 1 from core.assessment c
                         where c.corrects_id = a.id and c.status = 'final' and c.owner_org_id = any (core.request_scope()))
       order by a.form_id, a.assessed_on desc, a.created_at desc`,
      [personId, on, ...excludedForms],
    );
    return rows.sort((a, b) => b.assessedOn.localeCompare(a.assessedOn) || a.formId.localeCompare(b.formId));
  }

  async create(
    em: EntityManager,
    input: AssessmentValues & { readonly personId: string; readonly formId: string; readonly correctsId: string | null },
    actor: Actor,
  ): Promise<Assessment> {
    const [row] = await em.execute<{ id: string }[]>(
      `insert into core.assessment (owner_org_id, person_id, form_id, form_version, answers, scores, classifications, status, assessed_on,
         corrects_id, created_by, updated_by, finalized_at, finalized_by)
       values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, case when ?::text = 'final' then now() end, case when ?::text = 'final' then ?::uuid end)
       returning id::text as id`,
      [
        actor.orgId,
        input.personId,
        input.formId,
        input.formVersion,
        JSON.stringify(input.answers),
        JSON.stringify(input.scores),
        JSON.stringify(input.classifications),
        input.status,
        input.assessedOn,
        input.correctsId,
        actor.operatorId,
        actor.operatorId,
        input.status,
        input.status,
        actor.operatorId,
      ],
    );
    return (await this.find(em, row!.id))!;
  }

  /** Saves a draft again (or finalizes it) if nobody saved it since `expectedVersion`. */
  async update(
    em: EntityManager,
    current: Assessment,
    expectedVersion: number,
    values: AssessmentValues,
    actor: Actor,
  ): Promise<UpdateOutcome> {
    if (current.status === 'final') return { kind: 'final' };
    const rows = await em.execute<{ id: string }[]>(
      `update core.assessment set form_version = ?, answers = ?::jsonb, scores = ?::jsonb, classifications = ?::jsonb, status = ?,
         assessed_on = ?,
         version = version + 1, updated_at = now(), updated_by = ?,
         finalized_at = case when ?::text = 'final' then now() end, finalized_by = case when ?::text = 'final' then ?::uuid end
       where id = ? and version = ? and status = 'draft' and owner_org_id = any (core.request_scope())
       returning id::text as id`,
      [
        values.formVersion,
        JSON.stringify(values.answers),
        JSON.stringify(values.scores),
        JSON.stringify(values.classifications),
        values.status,
        values.assessedOn,
        actor.operatorId,
        values.status,
        values.status,
        actor.operatorId,
        current.id,
        expectedVersion,
      ],
    );
    const saved = await this.find(em, current.id);
    if (rows.length && saved) return { kind: 'updated', assessment: saved };
    if (!saved || saved.status === 'final') return { kind: 'final' };
    return { kind: 'stale', version: saved.version };
  }
}
