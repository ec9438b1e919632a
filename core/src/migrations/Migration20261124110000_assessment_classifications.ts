// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';

/**
 * The profiles a form derives from the bands of its totals (a form's `classifications`, e.g. SVAMA's profilo
 * di autonomia), stored beside the totals as computed when the assessment was saved, so that a later change of
 * the form's table does not rewrite what the team recorded. Assessments saved before have `{}`: no profile,
 * none shown. The guard that keeps a final assessment unchanged covers the new column too.
 */
export class Migration20261124110000_assessment_classifications extends Migration {
  override up(): void {
    this.addSql(
      `alter table core.assessment
         add column classifications jsonb not null default '{}' check (jsonb_typeof(classifications) = 'object')`,
    );
    this.addSql(`
      create or replace function core.assessment_final_guard() returns trigger
      language plpgsql as $$
      begin
        if old.status = 'final' then
          if tg_op = 'DELETE' then
            raise exception 'a final assessment is never deleted' using errcode = 'check_violation';
          end if;
          if (new.owner_org_id, new.form_id, new.form_version, new.answers, new.scores, new.classifications, new.status,
              new.assessed_on, new.corrects_id, new.version, new.created_at, new.created_by, new.finalized_at, new.finalized_by)
             is distinct from
             (old.owner_org_id, old.form_id, old.form_version, old.answers, old.scores, old.classifications, old.status,
              old.assessed_on, old.corrects_id, old.version, old.created_at, old.created_by, old.finalized_at, old.finalized_by) then
            raise exception 'a final assessment is never changed: record a correction instead' using errcode = 'check_violation';
          end if;
        end if;
        return case when tg_op = 'DELETE' then old else new end;
      end
      $$`);
  }
}
