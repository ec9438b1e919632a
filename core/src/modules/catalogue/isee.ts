// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { IseeType } from '../../sdk/extension-points/eligibility';
import type { Actor } from '../people/people';

/** One ISEE attestation on record. */
export interface IseeRecord {
  readonly id: string;
  readonly personId: string;
  readonly householdId: string | null;
  readonly type: IseeType;
  readonly value: number;
  readonly ise: number | null;
  readonly scale: number | null;
  readonly protocol: string;
  readonly issuedOn: string;
  readonly expiresOn: string;
  readonly source: string;
}

export interface IseeValues {
  readonly type: IseeType;
  readonly value: number;
  readonly ise: number | null;
  readonly scale: number | null;
  readonly protocol: string;
  readonly issuedOn: string;
  readonly expiresOn: string;
  readonly householdId: string | null;
}

const COLUMNS = `i.id::text as id, i.person_id::text as "personId", i.household_id::text as "householdId", i.isee_type as type,
  i.isee_value::float8 as value, i.ise_value::float8 as ise, i.equivalence_scale::float8 as scale, i.dsu_protocol as protocol,
  to_char(i.issued_on, 'YYYY-MM-DD') as "issuedOn", to_char(i.expires_on, 'YYYY-MM-DD') as "expiresOn", i.source`;

/**
 * When an attestation stops being valid if it does not say (DPCM 159/2013 as amended in 2020): a DSU is
 * valid until 31 December of the year it was filed; an ISEE corrente for six months.
 */
export function defaultExpiry(type: IseeType, issuedOn: string): string {
  if (type !== 'corrente') return `${issuedOn.slice(0, 4)}-12-31`;
  const date = new Date(`${issuedOn}T00:00:00Z`);
  const day = date.getUTCDate();
  date.setUTCMonth(date.getUTCMonth() + 6, 1);
  // Six months later to the day, or the month's last day (31 August → 28/29 February), less one day.
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, last) - 1);
  return date.toISOString().slice(0, 10);
}

export const validOn = (r: { issuedOn: string; expiresOn: string | null }, on: string): boolean =>
  r.issuedOn <= on && (r.expiresOn === null || r.expiresOn >= on);

/** ISEE attestations: a person's own, and those of the nuclei they belong to. Raw SQL under row-level security. */
export class IseeService {
  /** The attestations recorded for the person or for one of these households, newest first. */
  async of(em: EntityManager, personId: string, householdIds: readonly string[]): Promise<IseeRecord[]> {
    return em.execute<IseeRecord[]>(
      `select ${COLUMNS} from core.isee i
       where i.owner_org_id = any (core.request_scope()) and (i.person_id = ? or i.household_id = any (?::uuid[]))
       order by i.issued_on desc, i.created_at desc`,
      [personId, `{${householdIds.join(',')}}`],
    );
  }

  /** Records an attestation; null when the organization holds it already (the same DSU protocol and type). */
  async create(em: EntityManager, personId: string, values: IseeValues, source: string, actor: Actor): Promise<IseeRecord | null> {
    const rows = await em.execute<IseeRecord[]>(
      `insert into core.isee as i (owner_org_id, person_id, household_id, isee_type, isee_value, ise_value, equivalence_scale,
         dsu_protocol, issued_on, expires_on, source, created_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (owner_org_id, dsu_protocol, isee_type) do nothing
       returning ${COLUMNS}`,
      [
        actor.orgId,
        personId,
        values.householdId,
        values.type,
        values.value,
        values.ise,
        values.scale,
        values.protocol,
        values.issuedOn,
        values.expiresOn,
        source,
        actor.operatorId,
      ],
    );
    return rows[0] ?? null;
  }
}
