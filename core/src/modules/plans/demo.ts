// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The demo's individual plan: the first open cartella of the comune gets an active plan that started a
 * hundred days before the demo is loaded, reviewed every three months and never reviewed since, so its
 * review is overdue and `core.plan-review-overdue` raises an alert on the first evaluation.
 * Idempotent: nothing is added once any plan exists.
 */
export async function seedDemoPlans(em: EntityManager): Promise<number> {
  const [exists] = await em.execute<{ found: boolean }[]>('select exists (select from core.plan) as found');
  if (exists?.found) return 0;
  const [cartella] = await em.execute<{ id: string; owner: string; responsible: string }[]>(
    `select k.id::text as id, k.owner_org_id::text as owner, k.responsible_operator_id::text as responsible
     from core.cartella k join core.organization o on o.id = k.owner_org_id
     where o.code = 'demo-comune' and k.state = 'open' order by k.year, k.seq limit 1`,
  );
  if (!cartella) return 0;
  const [plan] = await em.execute<{ id: string }[]>(
    `insert into core.plan (owner_org_id, cartella_id, state, starts_on, review_every, review_unit, next_review_on, expected_end,
       responsible_operator_id, created_by, updated_by)
     values (?, ?, 'active', core.local_today() - 100, 3, 'months', (core.local_today() - 100 + interval '3 months')::date,
       (core.local_today() - 100 + interval '1 year')::date, ?, ?, ?)
     returning id::text as id`,
    [cartella.owner, cartella.id, cartella.responsible, cartella.responsible, cartella.responsible],
  );
  const goals = [
    {
      horizon: 'short',
      text: 'Garantire l’igiene personale e un pasto caldo al giorno',
      actions: 'Attivazione del SAD tre mattine a settimana; pasti a domicilio',
      interventions: 'Assistenza domiciliare (SAD); pasti a domicilio',
      responsible: 'Assistente sociale',
    },
    {
      horizon: 'medium',
      text: 'Ridurre l’isolamento: almeno un’uscita settimanale',
      actions: 'Accompagnamento al centro diurno il giovedì; contatto con la parrocchia',
      interventions: 'Centro diurno',
      responsible: 'Educatore',
    },
  ];
  for (const [position, g] of goals.entries())
    await em.execute(
      `insert into core.plan_goal (owner_org_id, plan_id, position, horizon, text, actions, interventions, responsible) values (?, ?, ?, ?, ?, ?, ?, ?)`,
      [cartella.owner, plan!.id, position, g.horizon, g.text, g.actions, g.interventions, g.responsible],
    );
  return 1 + goals.length;
}
