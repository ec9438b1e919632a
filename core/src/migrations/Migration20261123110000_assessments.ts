// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';

/**
 * Assessments: a person's answers to a form (core/src/modules/forms), kept as JSON with the form's id and
 * version, and the totals computed when they were saved. Health and social data (GDPR art. 9): owned by
 * the organization that assessed, fenced by row-level security exactly like core.person's owned tables.
 *
 * A draft may be saved incomplete and edited (optimistic locking on `version`). A final assessment is
 * never changed: a correction is a new assessment that names the one it corrects (`corrects_id`). A
 * trigger enforces it whoever writes, except for `person_id`, which a merge of two registrations of the
 * person moves (and an undo moves back), and `cartella_id`, the link to the case file it informs.
 * `cartella_id` has no foreign key yet: the cartella's table arrives with its own migration, which adds it.
 */
export class Migration20261123110000_assessments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table core.assessment (
        id uuid primary key default gen_random_uuid(),
        owner_org_id uuid not null references core.organization (id),
        person_id uuid not null references core.person (id),
        cartella_id uuid,
        form_id text not null,
        form_version integer not null check (form_version >= 1),
        answers jsonb not null default '{}' check (jsonb_typeof(answers) = 'object'),
        scores jsonb not null default '{}' check (jsonb_typeof(scores) = 'object'),
        status text not null default 'draft' check (status in ('draft', 'final')),
        assessed_on date not null,
        corrects_id uuid references core.assessment (id),
        version integer not null default 1,
        created_at timestamptz not null default now(),
        created_by uuid,
        updated_at timestamptz not null default now(),
        updated_by uuid,
        finalized_at timestamptz,
        finalized_by uuid,
        constraint assessment_finalized check ((status = 'final') = (finalized_at is not null))
      )`);
    this.addSql('create index assessment_person_idx on core.assessment (person_id, form_id, assessed_on desc)');
    this.addSql('create index assessment_owner_idx on core.assessment (owner_org_id)');
    this.addSql('create index assessment_cartella_idx on core.assessment (cartella_id) where cartella_id is not null');
    this.addSql('create index assessment_corrects_idx on core.assessment (corrects_id) where corrects_id is not null');
    this.addSql('alter table core.assessment enable row level security');
    this.addSql('create policy assessment_scope on core.assessment using (owner_org_id = any (core.request_scope()))');

    this.addSql(`
      create function core.assessment_final_guard() returns trigger
      language plpgsql as $$
      begin
        if old.status = 'final' then
          if tg_op = 'DELETE' then
            raise exception 'a final assessment is never deleted' using errcode = 'check_violation';
          end if;
          if (new.owner_org_id, new.form_id, new.form_version, new.answers, new.scores, new.status, new.assessed_on,
              new.corrects_id, new.version, new.created_at, new.created_by, new.finalized_at, new.finalized_by)
             is distinct from
             (old.owner_org_id, old.form_id, old.form_version, old.answers, old.scores, old.status, old.assessed_on,
              old.corrects_id, old.version, old.created_at, old.created_by, old.finalized_at, old.finalized_by) then
            raise exception 'a final assessment is never changed: record a correction instead' using errcode = 'check_violation';
          end if;
        end if;
        return case when tg_op = 'DELETE' then old else new end;
      end
      $$`);
    this.addSql(`
      create trigger assessment_final_guard before update or delete on core.assessment
      for each row execute function core.assessment_final_guard()`);
    // No grant here: the migrator grants the schema's tables to the application role afterwards.
  }
}
