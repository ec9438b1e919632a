// SPDX-License-Identifier: AGPL-3.0-or-later
import { EntitySchema, raw } from '@mikro-orm/core';

import { SCOPE_FILTER, type DataScope } from '../../db/scope';

/** The filter's arguments, set per request transaction (see `enterScope`). */
type ScopeArgs = Pick<DataScope, 'orgs'>;

const NOTHING = '00000000-0000-0000-0000-000000000000';
const orgsOf = (args: ScopeArgs): string[] => (args.orgs.length ? [...args.orgs] : [NOTHING]);

export interface Address {
  /** Cadastral (Belfiore) code of the comune. */
  readonly comuneCode?: string | null;
  readonly street?: string | null;
  readonly houseNumber?: string | null;
  readonly postcode?: string | null;
  /** Senza fissa dimora: no usable address. */
  readonly noFixedAbode?: boolean;
}

export interface Contact {
  readonly kind: 'phone' | 'mobile' | 'email' | 'pec';
  readonly value: string;
  /** Whose contact it is when not the person's own (a relative, a guardian). */
  readonly holder?: string | null;
}

export type ProvisionalKind = 'stp' | 'eni' | 'temporary' | 'unknown';

export class Person {
  id!: string;
  ownerOrgId!: string;
  codiceFiscale!: string | null;
  cfCanonical!: string | null;
  provisionalKind!: ProvisionalKind | null;
  provisionalCode!: string | null;
  surname!: string;
  name!: string;
  sex!: 'M' | 'F' | null;
  birthDate!: string | null;
  birthPlaceCode!: string | null;
  citizenships!: string[];
  residence!: Address | null;
  domicile!: Address | null;
  contacts!: Contact[];
  legalStatusNotes!: string | null;
  deceasedDate!: string | null;
  mergedInto!: string | null;
  version!: number;
  createdAt!: Date;
  createdBy!: string | null;
  updatedAt!: Date;
  updatedBy!: string | null;
}

const audited = {
  createdAt: { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()', fieldName: 'created_at' },
  createdBy: { type: 'uuid', nullable: true, fieldName: 'created_by' },
} as const;

export const PersonSchema = new EntitySchema<Person>({
  class: Person,
  tableName: 'person',
  schema: 'core',
  // Shared records are read through row-level security, which knows the shares;
  // the ORM filter is the first fence: owned by the request's organizations, or shared with them.
  filters: {
    [SCOPE_FILTER]: {
      name: SCOPE_FILTER,
      default: true,
      cond: (args: ScopeArgs) => ({
        $or: [
          { ownerOrgId: { $in: orgsOf(args) } },
          {
            id: {
              $in: raw(
                `select s.person_id from core.person_share s where s.grantee_org_id = any (core.request_scope()) and s.revoked_at is null and (s.expires_at is null or s.expires_at >= core.local_today())`,
              ),
            },
          },
        ],
      }),
    },
  },
  properties: {
    id: { type: 'uuid', primary: true, defaultRaw: 'gen_random_uuid()' },
    ownerOrgId: { type: 'uuid', fieldName: 'owner_org_id' },
    codiceFiscale: { type: 'text', nullable: true, fieldName: 'codice_fiscale' },
    cfCanonical: { type: 'text', nullable: true, fieldName: 'cf_canonical' },
    provisionalKind: { type: 'text', nullable: true, fieldName: 'provisional_kind' },
    provisionalCode: { type: 'text', nullable: true, fieldName: 'provisional_code' },
    surname: { type: 'text' },
    name: { type: 'text' },
    sex: { type: 'text', nullable: true },
    birthDate: { type: 'date', nullable: true, fieldName: 'birth_date' },
    birthPlaceCode: { type: 'text', nullable: true, fieldName: 'birth_place_code' },
    citizenships: { type: 'text[]', columnType: 'text[]' },
    residence: { type: 'json', nullable: true },
    domicile: { type: 'json', nullable: true },
    contacts: { type: 'json' },
    legalStatusNotes: { type: 'text', nullable: true, fieldName: 'legal_status_notes' },
    deceasedDate: { type: 'date', nullable: true, fieldName: 'deceased_date' },
    mergedInto: { type: 'uuid', nullable: true, fieldName: 'merged_into' },
    version: { type: 'integer', version: true },
    ...audited,
    updatedAt: { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()', fieldName: 'updated_at', onUpdate: () => new Date() },
    updatedBy: { type: 'uuid', nullable: true, fieldName: 'updated_by' },
  },
});

export class Household {
  id!: string;
  ownerOrgId!: string;
  kind!: string;
  label!: string | null;
  version!: number;
  createdAt!: Date;
  createdBy!: string | null;
  updatedAt!: Date;
  updatedBy!: string | null;
}

const ownedScope = {
  [SCOPE_FILTER]: { name: SCOPE_FILTER, default: true, cond: (args: ScopeArgs) => ({ ownerOrgId: { $in: orgsOf(args) } }) },
};

export const HouseholdSchema = new EntitySchema<Household>({
  class: Household,
  tableName: 'household',
  schema: 'core',
  filters: ownedScope,
  properties: {
    id: { type: 'uuid', primary: true, defaultRaw: 'gen_random_uuid()' },
    ownerOrgId: { type: 'uuid', fieldName: 'owner_org_id' },
    kind: { type: 'text' },
    label: { type: 'text', nullable: true },
    version: { type: 'integer', version: true },
    ...audited,
    updatedAt: { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()', fieldName: 'updated_at', onUpdate: () => new Date() },
    updatedBy: { type: 'uuid', nullable: true, fieldName: 'updated_by' },
  },
});

export class HouseholdMember {
  id!: string;
  householdId!: string;
  ownerOrgId!: string;
  personId!: string;
  relationCode!: string;
  cohabiting!: boolean;
  validFrom!: string;
  validTo!: string | null;
  createdAt!: Date;
  createdBy!: string | null;
}

export const HouseholdMemberSchema = new EntitySchema<HouseholdMember>({
  class: HouseholdMember,
  tableName: 'household_member',
  schema: 'core',
  filters: ownedScope,
  properties: {
    id: { type: 'uuid', primary: true, defaultRaw: 'gen_random_uuid()' },
    householdId: { type: 'uuid', fieldName: 'household_id' },
    ownerOrgId: { type: 'uuid', fieldName: 'owner_org_id' },
    personId: { type: 'uuid', fieldName: 'person_id' },
    relationCode: { type: 'text', fieldName: 'relation_code' },
    cohabiting: { type: 'boolean' },
    validFrom: { type: 'date', fieldName: 'valid_from' },
    validTo: { type: 'date', nullable: true, fieldName: 'valid_to' },
    ...audited,
  },
});

export const peopleEntities = [PersonSchema, HouseholdSchema, HouseholdMemberSchema];
