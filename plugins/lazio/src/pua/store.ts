// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RequestCtx } from '@sigess/core/sdk';
import type { PreAssessmentBand } from './pre-assessment';
import type { SchedaInput } from './schemas';

/** The access contact a scheda completes, as far as the scheda needs it (row-level security limits it to the request's reach). */
export interface ContactSummary {
  readonly id: string;
  readonly ownerOrgId: string;
  readonly pointName: string;
  readonly pointSubkind: string | null;
  readonly occurredAt: string;
  readonly personId: string | null;
  readonly surname: string | null;
  readonly name: string | null;
}

export interface Scheda {
  readonly id: string;
  readonly accessContactId: string;
  readonly ownerOrgId: string;
  readonly personId: string;
  readonly surname: string;
  readonly name: string;
  readonly pointName: string;
  readonly level: SchedaInput['level'];
  readonly requestedBy: SchedaInput['requestedBy'];
  readonly needs: SchedaInput['needs'];
  readonly answers: Record<string, string>;
  readonly score: number;
  readonly band: PreAssessmentBand;
  readonly outcome: SchedaInput['outcome'];
  readonly outcomeNote: string | null;
  readonly recordedAt: string;
  readonly recordedBy: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function contactSummary(ctx: RequestCtx, id: string | undefined): Promise<ContactSummary | null> {
  if (!id || !UUID.test(id)) return null;
  const [row] = await ctx.em.execute<ContactSummary[]>(
    `select c.id::text as id, c.owner_org_id::text as "ownerOrgId", o.name as "pointName", o.subkind as "pointSubkind",
            c.occurred_at as "occurredAt", c.person_id::text as "personId", p.surname, p.name
     from core.access_contact c join core.organization o on o.id = c.owner_org_id left join core.person p on p.id = c.person_id
     where c.id = ?`,
    [id],
  );
  return row ?? null;
}

const SCHEDA = `
  select s.id::text as id, s.access_contact_id::text as "accessContactId", s.owner_org_id::text as "ownerOrgId",
         s.person_id::text as "personId", p.surname, p.name, o.name as "pointName", s.level, s.requested_by as "requestedBy",
         s.needs, s.answers, s.score, s.band, s.outcome, s.outcome_note as "outcomeNote", s.recorded_at as "recordedAt",
         op.display_name as "recordedBy"
  from plg_lazio.pua_scheda s join core.person p on p.id = s.person_id join core.organization o on o.id = s.owner_org_id
  left join core.operator op on op.id = s.recorded_by`;

export async function schedaOfContact(ctx: RequestCtx, contactId: string): Promise<Scheda | null> {
  const [row] = await ctx.em.execute<Scheda[]>(`${SCHEDA} where s.access_contact_id = ?`, [contactId]);
  return row ?? null;
}

/** The schede sent to the back office in the request's reach, oldest first: the queue for the multidimensional assessment. */
export async function backOfficeQueue(ctx: RequestCtx): Promise<Scheda[]> {
  return ctx.em.execute<Scheda[]>(`${SCHEDA} where s.outcome = 'back-office' order by s.recorded_at limit 200`);
}

export async function insertScheda(
  ctx: RequestCtx,
  contact: ContactSummary & { personId: string },
  input: SchedaInput,
  scored: { score: number; band: PreAssessmentBand },
): Promise<string> {
  const [row] = await ctx.em.execute<{ id: string }[]>(
    `insert into plg_lazio.pua_scheda
       (access_contact_id, owner_org_id, person_id, level, requested_by, needs, answers, score, band, outcome, outcome_note, recorded_by)
     values (?, ?, ?, ?, ?, ?::text[], ?::jsonb, ?, ?, ?, ?, ?) returning id::text as id`,
    [
      contact.id,
      contact.ownerOrgId,
      contact.personId,
      input.level,
      input.requestedBy,
      `{${input.needs.join(',')}}`,
      JSON.stringify(input.answers),
      scored.score,
      scored.band,
      input.outcome,
      input.outcomeNote ?? null,
      ctx.operator?.id ?? null,
    ],
  );
  return row!.id;
}
