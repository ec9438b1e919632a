// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { StateChange } from './cartelle';
import type { DiaryNote } from './diary';
import type { TeamMember } from './team';

/**
 * What a partner reads of a cartella shared with it. The owner's services filter on the owner's scope
 * explicitly (row-level security repeats it); these queries filter explicitly on the share instead
 * (`core.cartella_shared_with_scope(cartella, part)`), and the `_shared_read` policies repeat that.
 */

export interface SharedAssessment {
  readonly id: string;
  readonly formId: string;
  readonly assessedOn: string;
  readonly status: 'draft' | 'final';
  readonly scores: Record<string, { value?: number; max?: number; complete?: boolean; band?: string }>;
}

export interface SharedPlan {
  readonly id: string;
  readonly state: string;
  readonly startsOn: string;
  readonly nextReviewOn: string | null;
  readonly goals: { readonly horizon: string; readonly text: string; readonly achievement: string | null }[];
}

export interface SharedIntervention {
  readonly id: string;
  readonly entryCode: string;
  readonly state: string;
  readonly periodFrom: string;
  readonly periodTo: string | null;
  readonly quantity: string;
  readonly unit: string;
  readonly frequency: string;
}

const shared = (alias: string, part: string) => `core.cartella_shared_with_scope(${alias}.cartella_id, '${part}')`;

export class SharedReads {
  async team(em: EntityManager, cartellaId: string): Promise<TeamMember[]> {
    return em.execute<TeamMember[]>(
      `select t.id::text as id, t.operator_id::text as "operatorId", o.display_name as "displayName", t.role,
              to_char(t.valid_from, 'YYYY-MM-DD') as "validFrom", to_char(t.valid_to, 'YYYY-MM-DD') as "validTo"
       from core.cartella_team t join core.operator o on o.id = t.operator_id
       where t.cartella_id = ? and ${shared('t', 'summary')}
       order by (t.valid_to is not null and t.valid_to <= core.local_today()), t.valid_from, o.display_name`,
      [cartellaId],
    );
  }

  async history(em: EntityManager, cartellaId: string): Promise<StateChange[]> {
    return em.execute<StateChange[]>(
      `select t.id::text as id, t.from_state as "from", t.to_state as "to", to_char(t.on_date, 'YYYY-MM-DD') as "on",
              t.reason_code as reason, t.note, t.by_operator::text as "byId", b.display_name as "byName", t.at
       from core.cartella_transition t left join core.operator b on b.id = t.by_operator
       where t.cartella_id = ? and ${shared('t', 'summary')}
       order by t.at, t.id`,
      [cartellaId],
    );
  }

  /** The notes written for partners, and only with the diary part shared; the newest first. */
  async notes(em: EntityManager, cartellaId: string, limit: number): Promise<DiaryNote[]> {
    return em.execute<DiaryNote[]>(
      `select n.id::text as id, n.cartella_id::text as "cartellaId", to_char(n.occurred_on, 'YYYY-MM-DD') as "occurredOn", n.type,
              n.confidentiality, n.body, n.corrects_id::text as "correctsId",
              array(select c.id::text from core.diary_note c
                    where c.corrects_id = n.id and c.confidentiality = 'partners' order by c.created_at) as "correctedBy",
              n.author_id::text as "authorId", a.display_name as "authorName", n.created_at as "createdAt"
       from core.diary_note n join core.operator a on a.id = n.author_id
       where n.cartella_id = ? and n.confidentiality = 'partners' and ${shared('n', 'diary')}
       order by n.occurred_on desc, n.created_at desc limit ?`,
      [cartellaId, limit],
    );
  }

  async assessments(em: EntityManager, cartellaId: string): Promise<SharedAssessment[]> {
    return em.execute<SharedAssessment[]>(
      `select a.id::text as id, a.form_id as "formId", to_char(a.assessed_on, 'YYYY-MM-DD') as "assessedOn", a.status, a.scores
       from core.assessment a where a.cartella_id = ? and ${shared('a', 'assessments')}
       order by a.assessed_on desc, a.created_at desc`,
      [cartellaId],
    );
  }

  /** The current plan (not closed, else the latest) with its goals. */
  async plan(em: EntityManager, cartellaId: string): Promise<SharedPlan | null> {
    const [plan] = await em.execute<Omit<SharedPlan, 'goals'>[]>(
      `select p.id::text as id, p.state, to_char(p.starts_on, 'YYYY-MM-DD') as "startsOn", to_char(p.next_review_on, 'YYYY-MM-DD') as "nextReviewOn"
       from core.plan p where p.cartella_id = ? and ${shared('p', 'plan')}
       order by (p.state = 'closed'), p.starts_on desc limit 1`,
      [cartellaId],
    );
    if (!plan) return null;
    const goals = await em.execute<SharedPlan['goals']>(
      `select g.horizon, g.text, g.achievement from core.plan_goal g where g.plan_id = ? and core.plan_shared_with_scope(g.plan_id) order by g.position`,
      [plan.id],
    );
    return { ...plan, goals };
  }

  async interventions(em: EntityManager, cartellaId: string): Promise<SharedIntervention[]> {
    return em.execute<SharedIntervention[]>(
      `select i.id::text as id, i.entry_code as "entryCode", i.state, to_char(i.period_from, 'YYYY-MM-DD') as "periodFrom",
              to_char(i.period_to, 'YYYY-MM-DD') as "periodTo", i.quantity::text as quantity, i.unit, i.frequency
       from core.intervention i where i.cartella_id = ? and ${shared('i', 'interventions')}
       order by i.requested_on desc, i.created_at desc`,
      [cartellaId],
    );
  }
}
