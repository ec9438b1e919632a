// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RequestCtx } from '@sigess/core/sdk';
import type { HealthInput, OutcomeInput, SessionInput } from './schemas';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

/** A cartella as the UVMD needs it; row-level security shows the owner's own, and the partner's shared ones. */
export interface CartellaSummary {
  readonly id: string;
  readonly number: string;
  readonly ownerOrgId: string;
  readonly personId: string;
  readonly surname: string;
  readonly name: string;
  /** The owner's code and its ancestors' codes, nearest first. */
  readonly ownerCodes: string[];
  readonly owned: boolean;
}

export async function cartellaSummary(ctx: RequestCtx, id: unknown): Promise<CartellaSummary | null> {
  if (!isUuid(id)) return null;
  const [row] = await ctx.em.execute<CartellaSummary[]>(
    `with recursive up(id, parent_id, code, depth) as (
       select o.id, o.parent_id, o.code, 0 from core.organization o join core.cartella k on k.owner_org_id = o.id where k.id = ?
       union all
       select o.id, o.parent_id, o.code, up.depth + 1 from core.organization o join up on o.id = up.parent_id
     )
     select k.id::text as id, k.year || '/' || lpad(k.seq::text, 4, '0') as number, k.owner_org_id::text as "ownerOrgId",
            k.person_id::text as "personId", p.surname, p.name,
            (select array_agg(code order by depth) from up) as "ownerCodes",
            (k.owner_org_id = any (core.request_scope())) as owned
     from core.cartella k join core.person p on p.id = k.person_id where k.id = ?`,
    [id, id],
  );
  return row ?? null;
}

export interface Member {
  readonly name: string;
  readonly role: string;
  readonly side: 'comune' | 'asl';
}

export interface Session {
  readonly id: string;
  readonly cartellaId: string;
  readonly cartellaNumber: string;
  readonly ownerOrgId: string;
  readonly ownerName: string;
  readonly personId: string;
  readonly surname: string;
  readonly name: string;
  readonly scheduledOn: string;
  readonly place: string | null;
  readonly formId: string;
  readonly healthDistrictId: string;
  readonly healthDistrictName: string;
  readonly shareId: string;
  readonly members: Member[];
  readonly health: (HealthInput & { recordedBy: string | null; recordedAt: string }) | null;
  readonly outcome: OutcomeInput['outcome'] | null;
  readonly decision: (Omit<OutcomeInput, 'outcome'> & { decidedBy: string | null; decidedAt: string }) | null;
  /** Whether the request is on the owner's side. */
  readonly owned: boolean;
}

const SESSION = `
  select u.id::text as id, u.cartella_id::text as "cartellaId", k.year || '/' || lpad(k.seq::text, 4, '0') as "cartellaNumber",
         u.owner_org_id::text as "ownerOrgId", ow.name as "ownerName", u.person_id::text as "personId", p.surname, p.name,
         to_char(u.scheduled_on, 'YYYY-MM-DD') as "scheduledOn", u.place, u.form_id as "formId",
         u.health_district_id::text as "healthDistrictId", hd.name as "healthDistrictName", u.share_id::text as "shareId", u.members,
         case when u.health is null then null else u.health || jsonb_build_object('recordedBy', hb.display_name, 'recordedAt', u.health_recorded_at) end as health,
         u.outcome,
         case when u.decision is null then null else u.decision || jsonb_build_object('decidedBy', db.display_name, 'decidedAt', u.decided_at) end as decision,
         (u.owner_org_id = any (core.request_scope())) as owned
  from plg_lazio.uvmd_session u
  join core.cartella k on k.id = u.cartella_id
  join core.person p on p.id = u.person_id
  join core.organization ow on ow.id = u.owner_org_id
  join core.organization hd on hd.id = u.health_district_id
  left join core.operator hb on hb.id = u.health_recorded_by
  left join core.operator db on db.id = u.decided_by`;

export async function sessionById(ctx: RequestCtx, id: unknown): Promise<Session | null> {
  if (!isUuid(id)) return null;
  const [row] = await ctx.em.execute<Session[]>(`${SESSION} where u.id = ?`, [id]);
  return row ?? null;
}

export async function sessionsOfCartella(ctx: RequestCtx, cartellaId: string): Promise<Session[]> {
  return ctx.em.execute<Session[]>(`${SESSION} where u.cartella_id = ? order by u.scheduled_on desc`, [cartellaId]);
}

/** Every session the request sees (its own, and those shared with it while the share lives), next first. */
export async function visibleSessions(ctx: RequestCtx): Promise<Session[]> {
  return ctx.em.execute<Session[]>(`${SESSION} order by u.outcome is not null, u.scheduled_on limit 200`);
}

export async function healthDistrictId(ctx: RequestCtx, code: string): Promise<string | null> {
  const [row] = await ctx.em.execute<{ id: string }[]>(
    `select id::text as id from core.organization where code = ? and kind = 'service-point' and subkind = 'health-district'`,
    [code],
  );
  return row?.id ?? null;
}

/** The health districts of the installation, for the scheduling form. */
export async function healthDistricts(ctx: RequestCtx): Promise<{ code: string; name: string }[]> {
  return ctx.em.execute(
    `select code, name from core.organization where kind = 'service-point' and subkind = 'health-district' order by name`,
  );
}

export async function insertSession(
  ctx: RequestCtx,
  cartella: CartellaSummary,
  input: SessionInput,
  districtId: string,
  shareId: string,
): Promise<string> {
  const [row] = await ctx.em.execute<{ id: string }[]>(
    `insert into plg_lazio.uvmd_session
       (cartella_id, owner_org_id, person_id, scheduled_on, place, form_id, health_district_id, share_id, members, recorded_by)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) returning id::text as id`,
    [
      cartella.id,
      cartella.ownerOrgId,
      cartella.personId,
      input.scheduledOn,
      input.place ?? null,
      input.formId,
      districtId,
      shareId,
      JSON.stringify(input.members),
      ctx.operator?.id ?? null,
    ],
  );
  return row!.id;
}

export async function saveHealth(ctx: RequestCtx, id: string, input: HealthInput): Promise<void> {
  await ctx.em.execute(
    'update plg_lazio.uvmd_session set health = ?::jsonb, health_recorded_at = now(), health_recorded_by = ? where id = ?',
    [JSON.stringify(input), ctx.operator?.id ?? null, id],
  );
}

export async function saveDecision(ctx: RequestCtx, id: string, input: OutcomeInput): Promise<void> {
  const { outcome, ...decision } = input;
  await ctx.em.execute(
    'update plg_lazio.uvmd_session set outcome = ?, decision = ?::jsonb, decided_at = now(), decided_by = ? where id = ? and outcome is null',
    [outcome, JSON.stringify(decision), ctx.operator?.id ?? null, id],
  );
}
