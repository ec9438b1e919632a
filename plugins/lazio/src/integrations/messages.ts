// SPDX-License-Identifier: AGPL-3.0-or-later
import { HealthSystemPort, recordOutbound, type OutboundRecorded, type RequestCtx } from '@sigess/core/sdk';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The person as the regional system identifies them (contracts/regional-system.openapi.yaml `Person`). */
interface PersonRow {
  personId: string;
  codiceFiscale: string | null;
  surname: string;
  name: string;
  birthDate: string | null;
  sex: string | null;
}
const PERSON = `p.id::text as "personId", p.codice_fiscale as "codiceFiscale", p.surname, p.name,
  to_char(p.birth_date, 'YYYY-MM-DD') as "birthDate", p.sex`;
const person = (r: PersonRow) => ({
  codiceFiscale: r.codiceFiscale,
  surname: r.surname,
  name: r.name,
  birthDate: r.birthDate,
  sex: r.sex,
});
const sender = (ctx: RequestCtx) => ({ organizationCode: ctx.org?.code ?? null, organizationName: ctx.org?.name ?? null });

/** Keys of the idempotency header: one per version of a record, so a corrected scheda is a new message. */
export const puaSchedaKey = (schedaId: string, version: number): string => `lazio.pua-scheda:${schedaId}:v${version}`;
/** A session's outcome is decided once: one message per session. */
export const uvmdOutcomeKey = (sessionId: string): string => `lazio.uvmd-outcome:${sessionId}`;

export interface PuaSchedaRef {
  readonly schedaId: string;
  readonly version: number;
  readonly personId: string;
}

/** The scheda PUA of an access contact, in the request's reach; null when there is none. */
export async function puaSchedaOf(ctx: RequestCtx, contactId: string): Promise<(PuaSchedaRef & { payload: object }) | null> {
  if (!UUID.test(contactId)) return null;
  const [row] = await ctx.em.execute<(PersonRow & Record<string, unknown>)[]>(
    `select s.id::text as "schedaId", s.version, s.access_contact_id::text as "accessContactId", s.level, s.requested_by as "requestedBy",
            s.needs, s.score, s.band, s.outcome, s.outcome_note as "outcomeNote", s.recorded_at as "recordedAt", ${PERSON}
     from plg_lazio.pua_scheda s join core.person p on p.id = s.person_id where s.access_contact_id = ?`,
    [contactId],
  );
  if (!row) return null;
  return {
    schedaId: String(row.schedaId),
    version: Number(row.version),
    personId: row.personId,
    payload: {
      schemaVersion: 1,
      sender: sender(ctx),
      person: person(row),
      scheda: {
        id: row.schedaId,
        version: row.version,
        accessContactId: row.accessContactId,
        level: row.level,
        requestedBy: row.requestedBy,
        needs: row.needs,
        score: row.score,
        band: row.band,
        outcome: row.outcome,
        outcomeNote: row.outcomeNote,
        recordedAt: new Date(row.recordedAt as string).toISOString(),
      },
    },
  };
}

/** Records the scheda PUA for the regional system, in the request's transaction; audited as a disclosure of the person's data. */
export async function recordPuaScheda(ctx: RequestCtx, contactId: string): Promise<(OutboundRecorded & { key: string }) | null> {
  const scheda = await puaSchedaOf(ctx, contactId);
  if (!scheda) return null;
  const key = puaSchedaKey(scheda.schedaId, scheda.version);
  const recorded = await recordOutbound(ctx, HealthSystemPort, {
    type: 'pua-scheda',
    idempotencyKey: key,
    payload: scheda.payload,
    subject: { entity: 'lazio.pua-scheda', id: scheda.schedaId },
  });
  await ctx.audit({
    action: 'lazio.regional-system.send',
    entity: 'person',
    entityId: scheda.personId,
    purpose: 'scheda PUA al sistema socio-sanitario regionale (L.R. 11/2016 art. 52)',
    details: { type: 'pua-scheda', scheda: scheda.schedaId, message: recorded.id, created: recorded.created },
  });
  return { ...recorded, key };
}

/** The decided UVMD session, in the request's reach, with the team's latest final assessment on its instrument. */
export async function uvmdOutcomeOf(
  ctx: RequestCtx,
  sessionId: string,
): Promise<{ sessionId: string; personId: string; payload: object } | null> {
  if (!UUID.test(sessionId)) return null;
  const [row] = await ctx.em.execute<(PersonRow & Record<string, unknown>)[]>(
    `select u.id::text as "sessionId", to_char(u.scheduled_on, 'YYYY-MM-DD') as "scheduledOn", u.form_id as "formId", hd.code as "healthDistrict",
            u.members, u.health, u.outcome, u.decision, u.decided_at as "decidedAt",
            (select jsonb_build_object('id', a.id, 'formVersion', a.form_version, 'assessedOn', to_char(a.assessed_on, 'YYYY-MM-DD'),
                                       'scores', a.scores, 'classifications', a.classifications)
               from core.assessment a where a.person_id = u.person_id and a.form_id = u.form_id and a.status = 'final'
               order by a.assessed_on desc, a.finalized_at desc limit 1) as assessment,
            ${PERSON}
     from plg_lazio.uvmd_session u join core.person p on p.id = u.person_id join core.organization hd on hd.id = u.health_district_id
     where u.id = ? and u.outcome is not null`,
    [sessionId],
  );
  if (!row) return null;
  return {
    sessionId: String(row.sessionId),
    personId: row.personId,
    payload: {
      schemaVersion: 1,
      sender: sender(ctx),
      person: person(row),
      uvmd: {
        id: row.sessionId,
        scheduledOn: row.scheduledOn,
        healthDistrict: row.healthDistrict,
        members: row.members,
        health: row.health,
        outcome: row.outcome,
        pai: row.outcome === 'pai' ? row.decision : null,
        note: (row.decision as { note?: string } | null)?.note ?? null,
        decidedAt: new Date(row.decidedAt as string).toISOString(),
      },
      assessment: row.assessment ? { formId: row.formId, ...(row.assessment as object) } : null,
    },
  };
}

/** Records the UVMD's outcome (and PAI) for the regional system, in the transaction that decides it; audited likewise. */
export async function recordUvmdOutcome(ctx: RequestCtx, sessionId: string): Promise<(OutboundRecorded & { key: string }) | null> {
  const outcome = await uvmdOutcomeOf(ctx, sessionId);
  if (!outcome) return null;
  const key = uvmdOutcomeKey(outcome.sessionId);
  const recorded = await recordOutbound(ctx, HealthSystemPort, {
    type: 'uvmd-outcome',
    idempotencyKey: key,
    payload: outcome.payload,
    subject: { entity: 'lazio.uvmd-session', id: outcome.sessionId },
  });
  await ctx.audit({
    action: 'lazio.regional-system.send',
    entity: 'person',
    entityId: outcome.personId,
    purpose: 'esito UVMD al sistema socio-sanitario regionale (L.R. 11/2016 art. 53)',
    details: { type: 'uvmd-outcome', session: outcome.sessionId, message: recorded.id, created: recorded.created },
  });
  return { ...recorded, key };
}
