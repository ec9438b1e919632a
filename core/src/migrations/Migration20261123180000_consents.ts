// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';

const IN_SCOPE = 'owner_org_id = any (core.request_scope())';

/**
 * Information notices given and consents collected (GDPR): what, for which purpose, when, by whom (the person
 * or their representative), on which signed paper. A consent is withdrawn, never deleted: the record of what
 * was in force on a day is itself an obligation. Row-level security by the owner's scope, with no delete.
 */
export class Migration20261123180000_consents extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table core.consent (
        id uuid primary key default gen_random_uuid(),
        owner_org_id uuid not null references core.organization (id),
        person_id uuid not null references core.person (id),
        cartella_id uuid references core.cartella (id),
        -- 'notice': the information notice (informativa) was given; 'consent': a consent to a purpose.
        kind text not null check (kind in ('notice', 'consent')),
        purpose text not null,
        legal_basis text,
        given_on date not null,
        given_by text not null,
        given_by_name text,
        document_ref text check (length(document_ref) <= 200),
        withdrawn_on date,
        withdrawal_note text,
        withdrawn_by uuid,
        withdrawn_at timestamptz,
        recorded_by uuid,
        recorded_at timestamptz not null default now(),
        -- A notice given stays given; only a consent is withdrawn, from a day not before it was given.
        constraint consent_withdrawal check (withdrawn_on is null or (kind = 'consent' and withdrawn_on >= given_on)),
        constraint consent_withdrawn_pair check ((withdrawn_on is null) = (withdrawn_at is null))
      )`);
    this.addSql('create index consent_person_idx on core.consent (person_id, purpose, given_on desc)');
    this.addSql('create index consent_cartella_idx on core.consent (cartella_id) where cartella_id is not null');
    this.addSql('alter table core.consent enable row level security');
    this.addSql(`create policy consent_read on core.consent for select using (${IN_SCOPE})`);
    this.addSql(`create policy consent_add on core.consent for insert with check (${IN_SCOPE})`);
    this.addSql(`create policy consent_change on core.consent for update using (${IN_SCOPE}) with check (${IN_SCOPE})`);
    // Withdrawing is the only change: what was given, when and by whom stays as recorded.
    this.addSql(`
      create function core.consent_only_withdrawal() returns trigger language plpgsql as $$
        begin
          if old.withdrawn_on is not null
             or (new.owner_org_id, new.person_id, new.cartella_id, new.kind, new.purpose, new.legal_basis, new.given_on,
                 new.given_by, new.given_by_name, new.document_ref, new.recorded_by, new.recorded_at)
                is distinct from
                (old.owner_org_id, old.person_id, old.cartella_id, old.kind, old.purpose, old.legal_basis, old.given_on,
                 old.given_by, old.given_by_name, old.document_ref, old.recorded_by, old.recorded_at) then
            raise exception 'core.consent is history: only a withdrawal may be recorded' using errcode = 'restrict_violation';
          end if;
          return new;
        end
      $$`);
    this.addSql(
      'create trigger consent_only_withdrawal before update on core.consent for each row execute function core.consent_only_withdrawal()',
    );
  }
}
