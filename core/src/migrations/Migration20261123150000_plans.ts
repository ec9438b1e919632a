// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';
import { ownedByScope } from './policies';

/**
 * The individual plan (progetto individualizzato, PAI) of a cartella: its goals, and the reviews that
 * record each goal's outcome and set the next review. A plan belongs to its cartella's owner and carries
 * that owner on every row, so row-level security fences goals and reviews like the plan itself.
 *
 * A cartella has at most one plan that is not closed (draft or active); closed plans stay as history. The
 * interventions that serve a goal are free text for now: the interventions' table arrives separately and
 * a later migration links goals to it.
 *
 * Also the foreign key `core.assessment.cartella_id → core.cartella` that the assessments' migration could
 * not declare (the cartella's table came after it).
 */
export class Migration20261123150000_plans extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table core.plan (
        id uuid primary key default gen_random_uuid(),
        owner_org_id uuid not null references core.organization (id),
        cartella_id uuid not null references core.cartella (id),
        state text not null default 'draft' check (state in ('draft', 'active', 'closed')),
        starts_on date not null,
        -- How often it is reviewed: every n days, weeks or months.
        review_every integer not null check (review_every between 1 and 366),
        review_unit text not null check (review_unit in ('days', 'weeks', 'months')),
        next_review_on date,
        expected_end date,
        responsible_operator_id uuid not null references core.operator (id),
        closed_on date,
        version integer not null default 1,
        created_at timestamptz not null default now(),
        created_by uuid references core.operator (id),
        updated_at timestamptz not null default now(),
        updated_by uuid references core.operator (id),
        constraint plan_active_review check (state <> 'active' or next_review_on is not null),
        constraint plan_closed check ((state = 'closed') = (closed_on is not null)),
        constraint plan_end check (expected_end is null or expected_end >= starts_on)
      )`);
    this.addSql(`create unique index plan_one_current on core.plan (cartella_id) where state <> 'closed'`);
    this.addSql('create index plan_cartella_idx on core.plan (cartella_id, starts_on desc)');
    this.addSql(`create index plan_review_due_idx on core.plan (owner_org_id, next_review_on) where state = 'active'`);

    this.addSql(`
      create table core.plan_goal (
        id uuid primary key default gen_random_uuid(),
        owner_org_id uuid not null references core.organization (id),
        plan_id uuid not null references core.plan (id) on delete cascade,
        position integer not null check (position >= 0),
        horizon text not null check (horizon in ('short', 'medium', 'long')),
        text text not null check (length(text) between 1 and 2000),
        actions text,
        -- The interventions that serve the goal, described: a link to core's interventions comes later.
        interventions text,
        -- Who answers for the goal: an operator, the person, the family, another service.
        responsible text,
        -- At the last review; null until the first.
        achievement text check (achievement in ('none', 'partial', 'achieved')),
        created_at timestamptz not null default now()
      )`);
    this.addSql('create index plan_goal_plan_idx on core.plan_goal (plan_id, position)');

    this.addSql(`
      create table core.plan_review (
        id uuid primary key default gen_random_uuid(),
        owner_org_id uuid not null references core.organization (id),
        plan_id uuid not null references core.plan (id),
        reviewed_on date not null,
        notes text,
        -- [{ goalId, text, achievement, note }]: the goal's text is kept, since a goal may later be rewritten or removed.
        outcomes jsonb not null default '[]' check (jsonb_typeof(outcomes) = 'array'),
        next_review_on date not null,
        reviewed_by uuid not null references core.operator (id),
        created_at timestamptz not null default now()
      )`);
    this.addSql('create index plan_review_plan_idx on core.plan_review (plan_id, reviewed_on desc)');
    this.addSql(
      `create trigger plan_review_unchangeable before update on core.plan_review for each row execute function core.refuse_change()`,
    );

    for (const table of ['plan', 'plan_goal', 'plan_review']) for (const sql of ownedByScope(table)) this.addSql(sql);

    this.addSql(
      'alter table core.assessment add constraint assessment_cartella_fk foreign key (cartella_id) references core.cartella (id)',
    );
    // No grant here: the migrator grants the schema's tables to the application role afterwards.
  }
}
