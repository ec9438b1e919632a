// SPDX-License-Identifier: AGPL-3.0-or-later
import { OptimisticLockError } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Person, type ProvisionalKind } from './entities';
import { canonicalCodiceFiscale } from './identity-codes';
import type { PersonInput, PersonSearch } from './schemas';

/** Who acts: the operator and the organization the request acts in. */
export interface Actor {
  readonly operatorId: string | null;
  readonly orgId: string;
}

export interface PersonSummary {
  readonly id: string;
  readonly surname: string;
  readonly name: string;
  readonly codiceFiscale: string | null;
  readonly provisionalKind: ProvisionalKind | null;
  readonly birthDate: string | null;
  readonly birthPlaceCode: string | null;
  readonly ownerOrgId: string;
}

export type CandidateReason = 'codice-fiscale' | 'provisional-code' | 'omocodic-variant' | 'name-and-birth-date' | 'similar-name';

/** A possible duplicate. One the operator may not see is named only by its owner organization. */
export interface Candidate {
  readonly personId: string;
  readonly reason: CandidateReason;
  readonly score: number;
  readonly owner: { readonly code: string; readonly name: string };
  readonly person: PersonSummary | null;
}

export interface FieldChange {
  readonly field: EditableField;
  readonly saved: unknown;
  readonly yours: unknown;
}

export type CreateOutcome =
  | { readonly kind: 'created'; readonly person: Person }
  /** The same identity code is registered already: never a second record. */
  | { readonly kind: 'blocked'; readonly candidates: readonly Candidate[] }
  /** Possible duplicates the operator must see before confirming. */
  | { readonly kind: 'duplicates'; readonly candidates: readonly Candidate[] };

export type UpdateOutcome =
  | { readonly kind: 'updated'; readonly person: Person; readonly fields: readonly string[] }
  | { readonly kind: 'conflict'; readonly person: Person; readonly changes: readonly FieldChange[] }
  | { readonly kind: 'blocked'; readonly candidates: readonly Candidate[] };

const SUMMARY = `p.id::text as id, p.surname, p.name, p.codice_fiscale as "codiceFiscale", p.provisional_kind as "provisionalKind",
  to_char(p.birth_date, 'YYYY-MM-DD') as "birthDate", p.birth_place_code as "birthPlaceCode", p.owner_org_id::text as "ownerOrgId"`;

/** The explicit organization filter of raw queries on people; row-level security repeats it underneath. */
export const visible = (alias = 'p'): string =>
  `(${alias}.owner_org_id = any (core.request_scope()) or core.person_shared_with_scope(${alias}.id))`;

/** Summaries of the people with these ids that the request may see. */
export async function summaries(em: EntityManager, ids: readonly string[]): Promise<PersonSummary[]> {
  if (!ids.length) return [];
  return em.execute<PersonSummary[]>(
    `select ${SUMMARY} from core.person p where p.id in (${ids.map(() => '?').join(', ')}) and ${visible()}`,
    [...ids],
  );
}

/** The fields an operator edits, in the order forms show them. */
export const EDITABLE_FIELDS = [
  'codiceFiscale',
  'provisionalKind',
  'provisionalCode',
  'surname',
  'name',
  'sex',
  'birthDate',
  'birthPlaceCode',
  'citizenships',
  'residence',
  'domicile',
  'contacts',
  'legalStatusNotes',
  'deceasedDate',
] as const satisfies readonly (keyof Person)[];
type EditableField = (typeof EDITABLE_FIELDS)[number];

/** What the record will hold for this input. */
export function recordValues(input: PersonInput): Pick<Person, EditableField | 'cfCanonical'> {
  const cf = input.identityKind === 'cf' ? (input.codiceFiscale ?? null) : null;
  return {
    codiceFiscale: cf,
    cfCanonical: cf ? canonicalCodiceFiscale(cf) : null,
    provisionalKind: input.identityKind === 'cf' ? null : input.identityKind,
    provisionalCode: input.identityKind === 'cf' || input.identityKind === 'unknown' ? null : (input.provisionalCode ?? null),
    surname: input.surname,
    name: input.name,
    sex: input.sex ?? null,
    birthDate: input.birthDate ?? null,
    birthPlaceCode: input.birthPlaceCode ?? null,
    citizenships: input.citizenships,
    residence: input.residence ?? null,
    domicile: input.domicile ?? null,
    contacts: input.contacts,
    legalStatusNotes: input.legalStatusNotes ?? null,
    deceasedDate: input.deceasedDate ?? null,
  };
}

/** Equality of stored values as an operator sees them (JSON documents compared by content). */
function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): string =>
    JSON.stringify(v ?? null, (_k, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(
            Object.entries(value as Record<string, unknown>).filter(([, x]) => x !== undefined && x !== null && x !== false),
          )
        : value,
    );
  return norm(a) === norm(b);
}

/**
 * The person registry: search, duplicate detection, registration and
 * optimistic edits. Every method runs in the request's scoped transaction;
 * auditing is the caller's (the route knows the purpose).
 */
export class PeopleService {
  /** Search by codice fiscale (whole, omocodic variant or beginning), by name (accent-insensitive, fuzzy) and by birth date. */
  async search(em: EntityManager, q: PersonSearch): Promise<{ items: PersonSummary[]; total: number }> {
    const text = q.q?.trim() ?? '';
    const code = text.replace(/\s+/g, '').toUpperCase();
    // A whole code: its person, its omocodic variants (possibly the same person), a merged alias.
    const whole = /^[A-Z0-9]{16}$/.test(code);
    const prefix = !whole && /^[A-Z0-9]{4,15}$/.test(code) && /[0-9]/.test(code) ? `${code}%` : null;
    // Surname first or name first, with or without accents, with a typo or two; ranked by word similarity.
    const name = text && !whole ? text : null;
    if (!whole && !prefix && !name && !q.birthDate) return { items: [], total: 0 };
    // The matching runs with the indexes in core.person_search_hits (row-level security would forbid
    // them: LIKE and <% are not leakproof); the people come through the request's scope and policies.
    const rows = await em.execute<(PersonSummary & { total: string })[]>(
      `with best as (select target, rank from core.person_search_hits(?, ?, ?, ?, ?::date))
       select ${SUMMARY}, count(*) over () as total
       from best join core.person p on p.id = best.target
       where p.merged_into is null and ${visible()}
       order by best.rank desc, p.search_name, p.id
       limit ? offset ?`,
      [
        whole ? canonicalCodiceFiscale(code) : null,
        whole ? code : null,
        prefix,
        name,
        q.birthDate ?? null,
        q.pageSize,
        (q.page - 1) * q.pageSize,
      ],
    );
    return { items: rows.map(({ total: _total, ...item }) => item), total: Number(rows[0]?.total ?? 0) };
  }

  /** A person the request may see (through the ORM's organization filter and row-level security). */
  async find(em: EntityManager, id: string): Promise<Person | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    return em.findOne(Person, { id });
  }

  /** Possible duplicates across every organization; details only of those the request may see. */
  async candidates(em: EntityManager, input: PersonInput, excludeId: string | null = null): Promise<Candidate[]> {
    const values = recordValues(input);
    const rows = await em.execute<{ personId: string; reason: CandidateReason; score: number; ownerCode: string; ownerName: string }[]>(
      `select c.person_id::text as "personId", c.reason, c.score, o.code as "ownerCode", o.name as "ownerName"
       from core.identity_candidates(?, ?, ?, ?, ?, ?::date, ?, ?::uuid) c join core.organization o on o.id = c.owner_org_id`,
      [
        values.codiceFiscale,
        values.cfCanonical,
        values.provisionalCode,
        values.surname,
        values.name,
        values.birthDate,
        values.birthPlaceCode,
        excludeId,
      ],
    );
    const seen = new Map(
      (
        await summaries(
          em,
          rows.map((r) => r.personId),
        )
      ).map((s) => [s.id, s]),
    );
    return rows.map((r) => ({
      personId: r.personId,
      reason: r.reason,
      score: Number(r.score),
      owner: { code: r.ownerCode, name: r.ownerName },
      person: seen.get(r.personId) ?? null,
    }));
  }

  /** Registers a person, unless the identity code exists or likely duplicates have not been confirmed away. */
  async create(em: EntityManager, input: PersonInput & { confirmNotDuplicate: boolean }, actor: Actor): Promise<CreateOutcome> {
    const candidates = await this.candidates(em, input);
    const hard = candidates.filter((c) => c.reason === 'codice-fiscale' || c.reason === 'provisional-code');
    if (hard.length) return { kind: 'blocked', candidates: hard };
    if (candidates.length && !input.confirmNotDuplicate) return { kind: 'duplicates', candidates };
    const person = em.create(Person, {
      ...recordValues(input),
      ownerOrgId: actor.orgId,
      createdBy: actor.operatorId,
      updatedBy: actor.operatorId,
    } as Person);
    await em.flush();
    return { kind: 'created', person };
  }

  /**
   * Saves an edit made from `version`. If someone saved in between, nothing
   * is written and the answer lists each field whose saved value differs from
   * the operator's.
   */
  async update(em: EntityManager, person: Person, input: PersonInput & { version: number }, actor: Actor): Promise<UpdateOutcome> {
    const values = recordValues(input);
    if (input.version !== person.version) return { kind: 'conflict', person, changes: this.diff(person, values) };
    if (values.codiceFiscale !== person.codiceFiscale || values.provisionalCode !== person.provisionalCode) {
      const hard = (await this.candidates(em, input, person.id)).filter(
        (c) => c.reason === 'codice-fiscale' || c.reason === 'provisional-code',
      );
      if (hard.length) return { kind: 'blocked', candidates: hard };
    }
    const fields = this.diff(person, values).map((c) => c.field);
    if (!fields.length) return { kind: 'updated', person, fields };
    em.assign(person, { ...values, updatedBy: actor.operatorId });
    try {
      // The version column guards the race between reading and writing too.
      await em.flush();
    } catch (error) {
      if (!(error instanceof OptimisticLockError)) throw error;
      em.clear();
      const fresh = await this.find(em, person.id);
      if (!fresh) throw error;
      return { kind: 'conflict', person: fresh, changes: this.diff(fresh, values) };
    }
    return { kind: 'updated', person, fields };
  }

  private diff(person: Person, values: Pick<Person, EditableField>): FieldChange[] {
    return EDITABLE_FIELDS.filter((f) => !same(person[f], values[f])).map((f) => ({ field: f, saved: person[f], yours: values[f] }));
  }
}
