// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Achievement, PlanState, ReviewUnit } from './schemas';

export interface PlanGoal {
  readonly id: string;
  readonly horizon: 'short' | 'medium' | 'long';
  readonly text: string;
  readonly actions: string | null;
  readonly interventions: string | null;
  readonly responsible: string | null;
  readonly achievement: Achievement | null;
}

export interface PlanReview {
  readonly id: string;
  readonly reviewedOn: string;
  readonly notes: string | null;
  readonly outcomes: { goalId: string; text: string; achievement: Achievement; note: string | null }[];
  readonly nextReviewOn: string;
  readonly byId: string;
  readonly byName: string;
}

export interface Plan {
  readonly id: string;
  readonly ownerOrgId: string;
  readonly cartellaId: string;
  readonly state: PlanState;
  readonly startsOn: string;
  readonly reviewEvery: number;
  readonly reviewUnit: ReviewUnit;
  readonly nextReviewOn: string | null;
  readonly expectedEnd: string | null;
  readonly closedOn: string | null;
  readonly responsibleId: string;
  readonly responsibleName: string;
  readonly version: number;
  readonly goals: PlanGoal[];
}

/** What the service writes: checked input with its defaults applied. */
export interface PlanFields {
  readonly startsOn: string;
  readonly reviewEvery: number;
  readonly reviewUnit: ReviewUnit;
  readonly expectedEnd: string | null;
  readonly responsibleId: string;
  readonly goals: readonly {
    id?: string;
    horizon: string;
    text: string;
    actions?: string;
    interventions?: string;
    responsible?: string;
  }[];
}

const DATE = (column: string, as: string) => `to_char(${column}, 'YYYY-MM-DD') as "${as}"`;

const SELECT = `
  select p.id::text as id, p.owner_org_id::text as "ownerOrgId", p.cartella_id::text as "cartellaId", p.state,
         ${DATE('p.starts_on', 'startsOn')}, p.review_every as "reviewEvery", p.review_unit as "reviewUnit",
         ${DATE('p.next_review_on', 'nextReviewOn')}, ${DATE('p.expected_end', 'expectedEnd')}, ${DATE('p.closed_on', 'closedOn')},
         p.responsible_operator_id::text as "responsibleId", r.display_name as "responsibleName", p.version,
         coalesce((select json_agg(json_build_object('id', g.id, 'horizon', g.horizon, 'text', g.text, 'actions', g.actions,
                    'interventions', g.interventions, 'responsible', g.responsible, 'achievement', g.achievement) order by g.position)
                   from core.plan_goal g where g.plan_id = p.id), '[]') as goals
  from core.plan p join core.operator r on r.id = p.responsible_operator_id
  where p.owner_org_id = any (core.request_scope())`;

/** The date a review period after `from` falls on, computed by PostgreSQL's calendar (a month after 31 January is 28/29 February). */
const NEXT = `(?::date + make_interval(days => case when ? = 'days' then ?::int else 0 end,
                                       weeks => case when ? = 'weeks' then ?::int else 0 end,
                                       months => case when ? = 'months' then ?::int else 0 end))::date`;
const nextParams = (from: string, every: number, unit: string) => [from, unit, every, unit, every, unit, every];

export type Outcome = { readonly kind: 'done' } | { readonly kind: 'stale' } | { readonly kind: 'illegal' };

/**
 * Individual plans: drafting with goals, activating, reviewing, closing. Every method runs in the
 * request's scoped transaction (row-level security applies underneath the explicit filters);
 * authorization and auditing are the caller's. Changes check the version they start from.
 */
export class PlanService {
  /** The cartella's plan that is not closed, or else its latest one. */
  async current(em: EntityManager, cartellaId: string): Promise<Plan | null> {
    const [row] = await em.execute<Plan[]>(
      `${SELECT} and p.cartella_id = ? order by (p.state = 'closed'), p.starts_on desc, p.created_at desc limit 1`,
      [cartellaId],
    );
    return row ?? null;
  }

  async reviews(em: EntityManager, planId: string): Promise<PlanReview[]> {
    return em.execute<PlanReview[]>(
      `select v.id::text as id, ${DATE('v.reviewed_on', 'reviewedOn')}, v.notes, v.outcomes, ${DATE('v.next_review_on', 'nextReviewOn')},
              v.reviewed_by::text as "byId", o.display_name as "byName"
       from core.plan_review v join core.operator o on o.id = v.reviewed_by
       where v.plan_id = ? and v.owner_org_id = any (core.request_scope()) order by v.reviewed_on desc, v.created_at desc`,
      [planId],
    );
  }

  async create(em: EntityManager, cartella: { id: string; ownerOrgId: string }, fields: PlanFields, by: string): Promise<string> {
    const [row] = await em.execute<{ id: string }[]>(
      `insert into core.plan (owner_org_id, cartella_id, starts_on, review_every, review_unit, expected_end, responsible_operator_id,
         created_by, updated_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id::text as id`,
      [
        cartella.ownerOrgId,
        cartella.id,
        fields.startsOn,
        fields.reviewEvery,
        fields.reviewUnit,
        fields.expectedEnd,
        fields.responsibleId,
        by,
        by,
      ],
    );
    await this.writeGoals(em, { id: row!.id, ownerOrgId: cartella.ownerOrgId }, fields.goals);
    return row!.id;
  }

  /** Rewrites a draft or active plan and its goals: goals named by id are kept, new ones added, those left out removed. */
  async update(em: EntityManager, plan: Plan, fields: PlanFields, version: number, by: string): Promise<Outcome> {
    if (plan.state === 'closed') return { kind: 'illegal' };
    const changed = await em.execute<{ id: string }[]>(
      `update core.plan set starts_on = ?, review_every = ?, review_unit = ?, expected_end = ?, responsible_operator_id = ?,
         version = version + 1, updated_at = now(), updated_by = ?
       where id = ? and version = ? and state <> 'closed' returning id`,
      [fields.startsOn, fields.reviewEvery, fields.reviewUnit, fields.expectedEnd, fields.responsibleId, by, plan.id, version],
    );
    if (!changed.length) return { kind: 'stale' };
    await this.writeGoals(em, plan, fields.goals);
    return { kind: 'done' };
  }

  private async writeGoals(em: EntityManager, plan: { id: string; ownerOrgId: string }, goals: PlanFields['goals']): Promise<void> {
    const kept = goals.map((g) => g.id).filter((id): id is string => Boolean(id));
    await em.execute(`delete from core.plan_goal where plan_id = ? and id::text not in (select jsonb_array_elements_text(?::jsonb))`, [
      plan.id,
      JSON.stringify(kept),
    ]);
    for (const [position, g] of goals.entries()) {
      const values = [g.horizon, g.text, g.actions ?? null, g.interventions ?? null, g.responsible ?? null, position];
      if (g.id)
        await em.execute(
          `update core.plan_goal set horizon = ?, text = ?, actions = ?, interventions = ?, responsible = ?, position = ? where id = ? and plan_id = ?`,
          [...values, g.id, plan.id],
        );
      else
        await em.execute(
          `insert into core.plan_goal (horizon, text, actions, interventions, responsible, position, owner_org_id, plan_id) values (?, ?, ?, ?, ?, ?, ?, ?)`,
          [...values, plan.ownerOrgId, plan.id],
        );
    }
  }

  /** A draft becomes active: its first review falls one period after it starts. */
  async activate(em: EntityManager, plan: Plan, version: number, by: string): Promise<Outcome> {
    if (plan.state !== 'draft') return { kind: 'illegal' };
    const changed = await em.execute(
      `update core.plan set state = 'active', next_review_on = ${NEXT}, version = version + 1, updated_at = now(), updated_by = ?
       where id = ? and version = ? and state = 'draft' returning id`,
      [...nextParams(plan.startsOn, plan.reviewEvery, plan.reviewUnit), by, plan.id, version],
    );
    return changed.length ? { kind: 'done' } : { kind: 'stale' };
  }

  /** Records a review of an active plan: each goal's outcome, and the next review one period after this one. */
  async review(
    em: EntityManager,
    plan: Plan,
    input: { reviewedOn: string; notes: string | null; outcomes: readonly { goalId: string; achievement: Achievement; note?: string }[] },
    version: number,
    by: string,
  ): Promise<Outcome & { nextReviewOn?: string }> {
    if (plan.state !== 'active') return { kind: 'illegal' };
    const [changed] = await em.execute<{ next: string }[]>(
      `update core.plan set next_review_on = ${NEXT}, version = version + 1, updated_at = now(), updated_by = ?
       where id = ? and version = ? and state = 'active' returning to_char(next_review_on, 'YYYY-MM-DD') as next`,
      [...nextParams(input.reviewedOn, plan.reviewEvery, plan.reviewUnit), by, plan.id, version],
    );
    if (!changed) return { kind: 'stale' };
    const text = new Map(plan.goals.map((g) => [g.id, g.text]));
    const outcomes = input.outcomes.map((o) => ({
      goalId: o.goalId,
      text: text.get(o.goalId) ?? '',
      achievement: o.achievement,
      note: o.note ?? null,
    }));
    for (const o of outcomes)
      await em.execute('update core.plan_goal set achievement = ? where id = ? and plan_id = ?', [o.achievement, o.goalId, plan.id]);
    await em.execute(
      `insert into core.plan_review (owner_org_id, plan_id, reviewed_on, notes, outcomes, next_review_on, reviewed_by)
       values (?, ?, ?, ?, ?::jsonb, ?, ?)`,
      [plan.ownerOrgId, plan.id, input.reviewedOn, input.notes, JSON.stringify(outcomes), changed.next, by],
    );
    return { kind: 'done', nextReviewOn: changed.next };
  }

  async close(em: EntityManager, plan: Plan, closedOn: string, version: number, by: string): Promise<Outcome> {
    if (plan.state === 'closed') return { kind: 'illegal' };
    const changed = await em.execute(
      `update core.plan set state = 'closed', closed_on = ?, next_review_on = null, version = version + 1, updated_at = now(), updated_by = ?
       where id = ? and version = ? and state <> 'closed' returning id`,
      [closedOn, by, plan.id, version],
    );
    return changed.length ? { kind: 'done' } : { kind: 'stale' };
  }
}
