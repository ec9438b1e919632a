// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Db } from '../store/flussi';

/**
 * What the records are built from, read from core's tables under row-level security (a job's scope): the
 * intervention, its cartella and person, the comune of residence, the ISEE in force when it was decided and the
 * person's latest final Scheda SINA. Read-only; core offers no read service for these yet (docs/plugins/siuss.md).
 */
export interface InterventionSource {
  readonly id: string;
  readonly ownerOrgId: string;
  readonly cartellaId: string;
  readonly personId: string;
  readonly entryCode: string;
  readonly state: string;
  readonly quantity: string;
  readonly unit: string;
  readonly amount: string;
  readonly frequency: string;
  readonly periodFrom: string;
  readonly periodTo: string | null;
  readonly decisionOn: string | null;
  readonly iseeBased: boolean;
  readonly cartellaYear: number;
  readonly cartellaSeq: number;
  readonly cartellaState: string;
  readonly codiceFiscale: string | null;
  readonly surname: string;
  readonly name: string;
  readonly birthDate: string | null;
  readonly birthPlaceCode: string | null;
  readonly sex: string | null;
  readonly citizenships: readonly string[];
  readonly residenceBelfiore: string | null;
  readonly residenceIstat: string | null;
  readonly residenceRegion: string | null;
  readonly dsuProtocol: string | null;
  readonly dsuIssuedOn: string | null;
  readonly sinaAnswers: Readonly<Record<string, unknown>> | null;
}

const DATE = (column: string): string => `to_char(${column}, 'YYYY-MM-DD')`;

/** The person's residence comune, ISTAT-coded, for the record's `Indirizzo`. */
const RESIDENCE = `
  left join core.municipality m on m.belfiore_code = p.residence ->> 'comuneCode' and m.valid_to is null`;

const INTERVENTIONS = `
  select i.id::text as id, i.owner_org_id::text as "ownerOrgId", i.cartella_id::text as "cartellaId", i.person_id::text as "personId",
         i.entry_code as "entryCode", i.state, i.quantity::text as quantity, i.unit, i.amount::text as amount, i.frequency,
         ${DATE('i.period_from')} as "periodFrom", ${DATE('i.period_to')} as "periodTo", ${DATE('i.decision_on')} as "decisionOn",
         exists (select 1 from jsonb_array_elements(i.eligibility) e where e ->> 'rule' = 'core.isee-ceiling') as "iseeBased",
         c.year as "cartellaYear", c.seq as "cartellaSeq", c.state as "cartellaState",
         p.codice_fiscale as "codiceFiscale", p.surname, p.name, ${DATE('p.birth_date')} as "birthDate",
         p.birth_place_code as "birthPlaceCode", p.sex, p.citizenships,
         p.residence ->> 'comuneCode' as "residenceBelfiore", m.istat_code as "residenceIstat", m.region_code as "residenceRegion",
         isee.dsu_protocol as "dsuProtocol", ${DATE('isee.issued_on')} as "dsuIssuedOn",
         sina.answers as "sinaAnswers"
  from core.intervention i
  join core.cartella c on c.id = i.cartella_id
  join core.person p on p.id = i.person_id
  ${RESIDENCE}
  left join lateral (
    select s.dsu_protocol, s.issued_on from core.isee s
    where s.person_id = i.person_id and s.issued_on <= coalesce(i.decision_on, i.requested_on)
    order by s.issued_on desc limit 1) isee on true
  left join lateral (
    select a.answers from core.assessment a
    where a.person_id = i.person_id and a.form_id = 'siuss.sina' and a.status = 'final'
    order by a.assessed_on desc, a.finalized_at desc limit 1) sina on true`;

/**
 * The organization's own interventions (a job acts on `owner_org_id = organization`, so each is handled once
 * across the tree), all or those given, in every state: the caller decides which imply a record.
 */
export async function interventionSources(db: Db, ownerOrgId: string, ids?: readonly string[]): Promise<InterventionSource[]> {
  if (ids && !ids.length) return [];
  return db.execute<InterventionSource[]>(
    `${INTERVENTIONS} where i.owner_org_id = ?${ids ? ' and i.id = any (?::uuid[])' : ''} order by i.id`,
    ids ? [ownerOrgId, `{${ids.join(',')}}`] : [ownerOrgId],
  );
}

export interface MinorSource {
  /** The cartella: a SINBA record per minor's cartella. */
  readonly id: string;
  readonly ownerOrgId: string;
  readonly personId: string;
  readonly openedOn: string;
  readonly state: string;
  readonly stateSince: string;
  readonly birthDate: string | null;
  readonly residenceBelfiore: string | null;
  readonly residenceRegion: string | null;
  readonly iseeValue: string | null;
  /** INPS codes are resolved from the catalogue by the caller: the entry codes of the minor's granted interventions. */
  readonly entryCodes: readonly string[];
  readonly sinbaAnswers: Readonly<Record<string, unknown>> | null;
}

/** Interventions in these states were granted: they imply a PS record, and count among a minor's SINBA prestazioni. */
export const GRANTED_STATES = ['approved', 'active', 'suspended', 'concluded'] as const;

/**
 * The organization's cartelle of people under 18 when the cartella was opened (all, or those given), with what
 * SINBA derives: birth, residence, the latest ISEE, the services granted and the latest final Scheda SINBA.
 */
export async function minorSources(db: Db, ownerOrgId: string, ids?: readonly string[]): Promise<MinorSource[]> {
  if (ids && !ids.length) return [];
  return db.execute<MinorSource[]>(
    `select c.id::text as id, c.owner_org_id::text as "ownerOrgId", c.person_id::text as "personId",
            ${DATE('c.opened_on')} as "openedOn", c.state, ${DATE('c.state_since')} as "stateSince",
            ${DATE('p.birth_date')} as "birthDate", p.residence ->> 'comuneCode' as "residenceBelfiore", m.region_code as "residenceRegion",
            isee.isee_value::text as "iseeValue",
            coalesce((select array_agg(distinct i.entry_code order by i.entry_code) from core.intervention i
                      where i.cartella_id = c.id and i.state = any (?::text[])), '{}') as "entryCodes",
            sinba.answers as "sinbaAnswers"
     from core.cartella c
     join core.person p on p.id = c.person_id
     ${RESIDENCE}
     left join lateral (
       select s.isee_value from core.isee s where s.person_id = c.person_id order by s.issued_on desc limit 1) isee on true
     left join lateral (
       select a.answers from core.assessment a
       where a.person_id = c.person_id and a.form_id = 'siuss.sinba' and a.status = 'final'
       order by a.assessed_on desc, a.finalized_at desc limit 1) sinba on true
     where c.owner_org_id = ? and p.birth_date is not null and p.birth_date > c.opened_on - interval '18 years'
       ${ids ? 'and c.id = any (?::uuid[])' : ''}
     order by c.id`,
    ids ? [`{${GRANTED_STATES.join(',')}}`, ownerOrgId, `{${ids.join(',')}}`] : [`{${GRANTED_STATES.join(',')}}`, ownerOrgId],
  );
}

/** The comune that sends the organization's records: itself or its nearest ancestor with a Belfiore code. */
export interface EnteSource {
  readonly id: string;
  readonly name: string;
  readonly belfioreCode: string;
  readonly taxCode: string | null;
}

export async function enteOf(db: Db, organizationId: string): Promise<EnteSource | null> {
  const [row] = await db.execute<EnteSource[]>(
    `with recursive up as (
       select id, parent_id, name, belfiore_code, tax_code, 0 as depth from core.organization where id = ?
       union all
       select o.id, o.parent_id, o.name, o.belfiore_code, o.tax_code, up.depth + 1 from core.organization o join up on o.id = up.parent_id)
     select id::text as id, name, belfiore_code as "belfioreCode", tax_code as "taxCode"
     from up where belfiore_code is not null order by depth limit 1`,
    [organizationId],
  );
  return row ?? null;
}

/**
 * The enti whose files an operator acting in `organizationId` may send: the organization's own ente (itself or its
 * nearest ancestor with a Belfiore code), or, for an organization above the comuni (an ambito, a region), every
 * organization with a Belfiore code below it. Read under the caller's row-level security, by name.
 */
export async function entiInReach(db: Db, organizationId: string): Promise<EnteSource[]> {
  const own = await enteOf(db, organizationId);
  if (own) return [own];
  return db.execute<EnteSource[]>(
    `with recursive down as (
       select id from core.organization where id = ?
       union all
       select o.id from core.organization o join down on o.parent_id = down.id)
     select o.id::text as id, o.name, o.belfiore_code as "belfioreCode", o.tax_code as "taxCode"
     from core.organization o join down on down.id = o.id
     where o.belfiore_code is not null order by o.name, o.id`,
    [organizationId],
  );
}
