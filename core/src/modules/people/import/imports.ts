// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomUUID } from 'node:crypto';
import { ConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TFunction } from 'i18next';
import type { RouteContext } from '../../../sdk/routes';
import { recordValues, type Actor, type CandidateReason } from '../people';
import { personInput, type PersonInput } from '../schemas';
import { columnOf, type CellProblem } from './csv';

/**
 * Import batches: people staged row by row with what was found about each (field errors, possible
 * duplicates in the registry and in the file), committed as a whole in the route's transaction. Nothing
 * reaches `core.person` before the commit. Every method runs in the request's scoped transaction (row-level
 * security on both tables); auditing is the caller's.
 */

/** How long a pending batch may be committed, and how long a decided one keeps its rows for its report. */
export const RETENTION_DAYS = 7;

export type ImportStatus = 'pending' | 'committed' | 'discarded';
export type RowStatus = 'ready' | 'review' | 'invalid' | 'registered';
export type RowOutcome = 'created' | 'skipped' | 'invalid' | 'registered' | 'new-candidates';

export interface StagedError {
  readonly field: string;
  /** The file's column, for a CSV; null for a JSON row or a whole group of fields. */
  readonly column: string | null;
  readonly message: string;
}

/** A registry person found for a row. Details are read at display time, through the request's fences. */
export interface StagedCandidate {
  readonly personId: string;
  readonly reason: CandidateReason;
  readonly score: number;
  readonly ownerCode: string;
  readonly ownerName: string;
}

export interface ImportBatch {
  readonly id: string;
  readonly ownerOrgId: string;
  readonly createdBy: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly fileName: string | null;
  readonly source: 'csv' | 'json';
  readonly status: ImportStatus;
  readonly rowCount: number;
  readonly decidedAt: Date | null;
  readonly createdCount: number | null;
  readonly skippedCount: number | null;
  readonly purgedAt: Date | null;
  /** Pending and past its expiry: it can no longer be committed. */
  readonly expired: boolean;
}

export interface ImportRow {
  readonly row: number;
  readonly raw: Record<string, unknown>;
  readonly input: PersonInput | null;
  readonly errors: readonly StagedError[];
  readonly candidates: readonly StagedCandidate[];
  readonly fileMatches: readonly number[];
  readonly decision: 'create' | 'skip' | null;
  readonly outcome: RowOutcome | null;
  readonly personId: string | null;
}

/** A row to stage: its number, what the file held, the input it maps to, and what mapping found wrong. */
export interface RowEntry {
  readonly row: number;
  readonly raw: Record<string, unknown>;
  readonly values: Record<string, unknown>;
  /** Where each input field came from in the file; null for a JSON row, which has no columns. */
  readonly columns: ReadonlyMap<string, string> | null;
  readonly problems: readonly CellProblem[];
}

/** Same codice fiscale or provisional code: the person is registered already and cannot be registered again. */
export const isHard = (c: { reason: CandidateReason }): boolean => c.reason === 'codice-fiscale' || c.reason === 'provisional-code';

export function statusOf(row: Pick<ImportRow, 'input' | 'errors' | 'candidates' | 'fileMatches'>): RowStatus {
  if (!row.input || row.errors.length) return 'invalid';
  if (row.candidates.some(isHard)) return 'registered';
  if (row.candidates.length || row.fileMatches.length) return 'review';
  return 'ready';
}

/** What a commit did: the people created by row, the rows skipped, and those left out because the registry changed. */
export interface CommitResult {
  readonly created: readonly { readonly row: number; readonly personId: string }[];
  readonly skipped: number;
  readonly changed: readonly number[];
}

/** The commit could not write every accepted row; the route's transaction rolls back, so nothing was written. */
export class CommitFailed extends Error {
  constructor(cause: unknown) {
    super('the import could not be committed', { cause });
    this.name = 'CommitFailed';
  }
}

/** Surname and name as duplicate detection compares them: no accents, no case, single spaces. */
const nameKey = (input: PersonInput): string =>
  `${input.surname} ${input.name}`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Checks each row on its own (`personInput`, with the messages in the operator's language and the column
 * each came from), then against the rows before it: the same identity code twice is an error in the later
 * row; the same name and birth date is a possible duplicate to decide on.
 */
export function checkRows(
  entries: readonly RowEntry[],
  validate: RouteContext['validate'],
  t: TFunction,
): Omit<ImportRow, 'candidates' | 'decision' | 'outcome' | 'personId'>[] {
  const codes = new Map<string, number>();
  const column = (entry: RowEntry, field: string): string | null => (entry.columns ? columnOf(field, entry.columns) : null);
  const names = new Map<string, number[]>();
  return entries.map((entry) => {
    const errors: StagedError[] = entry.problems.map((p) => ({ field: p.field, column: p.column, message: t(p.key) }));
    const parsed = validate(personInput, entry.values);
    if (!parsed.ok) {
      for (const e of parsed.errors) {
        if (!errors.some((x) => x.field === e.field)) errors.push({ field: e.field, column: column(entry, e.field), message: e.message });
      }
    }
    const input = parsed.ok && !errors.length ? parsed.data : null;
    const fileMatches: number[] = [];
    if (input) {
      const values = recordValues(input);
      const code = values.codiceFiscale ?? values.provisionalCode;
      const field = values.codiceFiscale ? 'codiceFiscale' : 'provisionalCode';
      const first = code ? codes.get(code) : undefined;
      if (first !== undefined) {
        errors.push({ field, column: column(entry, field), message: t('core:peopleImport.row.sameCode', { row: first }) });
      } else if (code) codes.set(code, entry.row);
      if (input.birthDate) {
        const key = `${nameKey(input)}|${input.birthDate}`;
        fileMatches.push(...(names.get(key) ?? []));
        names.set(key, [...(names.get(key) ?? []), entry.row]);
      }
    }
    return { row: entry.row, raw: entry.raw, input: errors.length ? null : input, errors, fileMatches };
  });
}

const BATCH = `b.id::text as id, b.owner_org_id::text as "ownerOrgId", b.created_by::text as "createdBy", b.created_at as "createdAt",
  b.expires_at as "expiresAt", b.file_name as "fileName", b.source, b.status, b.row_count as "rowCount", b.decided_at as "decidedAt",
  b.created_count as "createdCount", b.skipped_count as "skippedCount", b.purged_at as "purgedAt",
  (b.status = 'pending' and b.expires_at <= now()) as expired`;

const ROW_COLUMNS = `row_number as row, raw, input, errors, candidates, file_matches as "fileMatches", decision, outcome,
  person_id::text as "personId"`;

/** Rows are sent to PostgreSQL as one JSON document per statement, in chunks of this many. */
const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class ImportService {
  /**
   * Possible duplicates in the registry of many inputs at once, by row: the same `core.identity_candidates`
   * as a single registration, across every organization, answering only who owns them and why.
   */
  async candidates(em: EntityManager, rows: readonly { row: number; input: PersonInput }[]): Promise<Map<number, StagedCandidate[]>> {
    const found = new Map<number, StagedCandidate[]>();
    for (const part of chunks(rows)) {
      const wanted = part.map(({ row, input }) => {
        const v = recordValues(input);
        return {
          n: row,
          cf: v.codiceFiscale,
          cfc: v.cfCanonical,
          prov: v.provisionalCode,
          surname: v.surname,
          name: v.name,
          birth: v.birthDate,
          place: v.birthPlaceCode,
        };
      });
      const hits = await em.execute<(StagedCandidate & { row: number })[]>(
        `select r.n as row, c.person_id::text as "personId", c.reason, c.score, o.code as "ownerCode", o.name as "ownerName"
         from jsonb_to_recordset(?::jsonb) as r(n int, cf text, cfc text, prov text, surname text, name text, birth date, place text)
         cross join lateral core.identity_candidates(r.cf, r.cfc, r.prov, r.surname, r.name, r.birth, r.place, null) c
         join core.organization o on o.id = c.owner_org_id
         order by r.n, c.score desc, c.person_id`,
        [JSON.stringify(wanted)],
      );
      for (const { row, ...hit } of hits) found.set(row, [...(found.get(row) ?? []), { ...hit, score: Number(hit.score) }]);
    }
    return found;
  }

  /** Stages checked rows as a pending batch of the actor's organization, with their registry candidates. */
  async stage(
    em: EntityManager,
    checked: readonly Omit<ImportRow, 'candidates' | 'decision' | 'outcome' | 'personId'>[],
    meta: { source: 'csv' | 'json'; fileName: string | null },
    actor: Actor,
  ): Promise<string> {
    const valid = checked.flatMap((r) => (r.input ? [{ row: r.row, input: r.input }] : []));
    const candidates = await this.candidates(em, valid);
    const [batch] = await em.execute<{ id: string }[]>(
      `insert into core.person_import (owner_org_id, created_by, file_name, source, row_count, expires_at)
       values (?, ?, ?, ?, ?, now() + make_interval(days => ?)) returning id::text as id`,
      [actor.orgId, actor.operatorId, meta.fileName, meta.source, checked.length, RETENTION_DAYS],
    );
    for (const part of chunks(checked)) {
      const rows = part.map((r) => ({
        row_number: r.row,
        raw: r.raw,
        input: r.input,
        errors: r.errors,
        candidates: candidates.get(r.row) ?? [],
        file_matches: r.fileMatches,
      }));
      await em.execute(
        `insert into core.person_import_row (import_id, owner_org_id, row_number, raw, input, errors, candidates, file_matches)
         select ?, ?, x.row_number, x.raw, x.input, x.errors, x.candidates, array(select jsonb_array_elements_text(x.file_matches)::int)
         from jsonb_to_recordset(?::jsonb) as x(row_number int, raw jsonb, input jsonb, errors jsonb, candidates jsonb, file_matches jsonb)`,
        [batch!.id, actor.orgId, JSON.stringify(rows)],
      );
    }
    return batch!.id;
  }

  /** A batch of the organization, or null: another organization's batch does not exist for the request. */
  async find(em: EntityManager, id: string, orgId: string): Promise<ImportBatch | null> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
    const [batch] = await em.execute<ImportBatch[]>(`select ${BATCH} from core.person_import b where b.id = ? and b.owner_org_id = ?`, [
      id,
      orgId,
    ]);
    return batch ?? null;
  }

  /** The organization's latest batches, newest first. */
  async recent(em: EntityManager, orgId: string, limit = 20): Promise<ImportBatch[]> {
    return em.execute<ImportBatch[]>(
      `select ${BATCH} from core.person_import b where b.owner_org_id = ? order by b.created_at desc, b.id limit ?`,
      [orgId, limit],
    );
  }

  async rows(em: EntityManager, batchId: string): Promise<ImportRow[]> {
    return em.execute<ImportRow[]>(`select ${ROW_COLUMNS} from core.person_import_row where import_id = ? order by row_number`, [batchId]);
  }

  /** Locks a batch for a decision, so that two commits of one batch cannot both run; its status as of now. */
  async lock(em: EntityManager, batch: ImportBatch): Promise<ImportBatch> {
    const [row] = await em.execute<ImportBatch[]>(`select ${BATCH} from core.person_import b where b.id = ? for update`, [batch.id]);
    return row ?? batch;
  }

  /**
   * Registers the rows ready to be, and those with possible duplicates the operator accepted, as people of
   * the actor's organization. Candidates are looked for again first: a row that now has one the operator
   * was not shown (someone registered the person meanwhile) is not created, and is reported. A row whose
   * input no longer passes the checks is skipped as invalid. Any failure to write throws `CommitFailed`,
   * and the caller's transaction leaves nothing behind.
   */
  async commit(em: EntityManager, batch: ImportBatch, accept: ReadonlySet<number>, actor: Actor): Promise<CommitResult> {
    const rows = await this.rows(em, batch.id);
    const outcomes = new Map<number, { decision: 'create' | 'skip' | null; outcome: RowOutcome; personId: string | null }>();
    const wanted: { row: number; input: PersonInput }[] = [];
    // A decision is recorded for the rows that asked for one: those with possible duplicates.
    const decisions = new Map<number, 'create' | 'skip' | null>();
    for (const row of rows) {
      const status = statusOf(row);
      const decision = status === 'review' ? (accept.has(row.row) ? 'create' : 'skip') : null;
      decisions.set(row.row, decision);
      if (status === 'invalid' || status === 'registered') outcomes.set(row.row, { decision, outcome: status, personId: null });
      else if (decision === 'skip') outcomes.set(row.row, { decision, outcome: 'skipped', personId: null });
      else {
        // Checked again: the rules may have changed since the upload (a deployment), and "not in the future" moves.
        const again = personInput.safeParse(row.input);
        if (again.success) wanted.push({ row: row.row, input: again.data });
        else outcomes.set(row.row, { decision, outcome: 'invalid', personId: null });
      }
    }
    const now = await this.candidates(em, wanted);
    const seen = new Map(rows.map((r) => [r.row, new Set(r.candidates.map((c) => c.personId))]));
    const changed: number[] = [];
    const people: { row: number; id: string; input: PersonInput }[] = [];
    for (const { row, input } of wanted) {
      const decision = decisions.get(row) ?? null;
      if ((now.get(row) ?? []).some((c) => !seen.get(row)?.has(c.personId))) {
        changed.push(row);
        outcomes.set(row, { decision, outcome: 'new-candidates', personId: null });
        continue;
      }
      // Ids chosen here, so that each row knows its person without a round trip per row.
      people.push({ row, id: randomUUID(), input });
      outcomes.set(row, { decision, outcome: 'created', personId: null });
    }
    try {
      await this.insertPeople(em, people, actor);
    } catch (error) {
      // A code registered by a concurrent request after the check above, or a constraint the checks do not know.
      if (error instanceof ConstraintViolationException) throw new CommitFailed(error);
      throw error;
    }
    for (const { row, id } of people) outcomes.set(row, { ...outcomes.get(row)!, personId: id });

    const updates = [...outcomes].map(([row, o]) => ({ n: row, decision: o.decision, outcome: o.outcome, person_id: o.personId }));
    for (const part of chunks(updates)) {
      await em.execute(
        `update core.person_import_row r set decision = x.decision, outcome = x.outcome, person_id = x.person_id
         from jsonb_to_recordset(?::jsonb) as x(n int, decision text, outcome text, person_id uuid)
         where r.import_id = ? and r.row_number = x.n`,
        [JSON.stringify(part), batch.id],
      );
    }
    const created = people.map(({ row, id }) => ({ row, personId: id }));
    const skipped = rows.length - created.length;
    await em.execute(
      `update core.person_import set status = 'committed', decided_at = now(), decided_by = ?, created_count = ?, skipped_count = ? where id = ?`,
      [actor.operatorId, created.length, skipped, batch.id],
    );
    return { created, skipped, changed };
  }

  /**
   * Inserts people in bulk, with the values a registration stores (`recordValues`), owned by the actor's
   * organization. Not through the ORM: thousands of managed entities would make every later flush in the
   * request (each audit entry's) walk them all.
   */
  private async insertPeople(em: EntityManager, people: readonly { id: string; input: PersonInput }[], actor: Actor): Promise<void> {
    for (const part of chunks(people)) {
      const records = part.map(({ id, input }) => {
        const v = recordValues(input);
        return {
          id,
          codice_fiscale: v.codiceFiscale,
          cf_canonical: v.cfCanonical,
          provisional_kind: v.provisionalKind,
          provisional_code: v.provisionalCode,
          surname: v.surname,
          name: v.name,
          sex: v.sex,
          birth_date: v.birthDate,
          birth_place_code: v.birthPlaceCode,
          citizenships: v.citizenships,
          residence: v.residence,
          domicile: v.domicile,
          contacts: v.contacts,
          legal_status_notes: v.legalStatusNotes,
          deceased_date: v.deceasedDate,
        };
      });
      await em.execute(
        `insert into core.person (id, owner_org_id, created_by, updated_by, codice_fiscale, cf_canonical, provisional_kind, provisional_code,
           surname, name, sex, birth_date, birth_place_code, citizenships, residence, domicile, contacts, legal_status_notes, deceased_date)
         select x.id, ?, ?, ?, x.codice_fiscale, x.cf_canonical, x.provisional_kind, x.provisional_code, x.surname, x.name, x.sex,
           x.birth_date, x.birth_place_code, array(select jsonb_array_elements_text(x.citizenships)), x.residence, x.domicile,
           x.contacts, x.legal_status_notes, x.deceased_date
         from jsonb_to_recordset(?::jsonb) as x(id uuid, codice_fiscale text, cf_canonical text, provisional_kind text,
           provisional_code text, surname text, name text, sex text, birth_date date, birth_place_code text, citizenships jsonb,
           residence jsonb, domicile jsonb, contacts jsonb, legal_status_notes text, deceased_date date)`,
        [actor.orgId, actor.operatorId, actor.operatorId, JSON.stringify(records)],
      );
    }
  }

  /** Discards a pending batch: its rows are deleted at once, its record and row count stay. */
  async discard(em: EntityManager, batch: ImportBatch, actor: Actor): Promise<void> {
    await em.execute('delete from core.person_import_row where import_id = ?', [batch.id]);
    await em.execute(
      `update core.person_import set status = 'discarded', decided_at = now(), decided_by = ?, purged_at = now() where id = ?`,
      [actor.operatorId, batch.id],
    );
  }

  /**
   * Deletes the staged rows the organization no longer needs: of pending batches past their expiry, and of
   * decided ones older than the retention period (their report). There is no scheduler: the import's routes
   * call this, so rows never outlive the next use of the import by much. Returns how many batches it purged.
   */
  async purge(em: EntityManager, orgId: string): Promise<number> {
    const purged = await em.execute<{ id: string }[]>(
      `update core.person_import set purged_at = now()
       where owner_org_id = ? and purged_at is null
         and ((status = 'pending' and expires_at <= now()) or (status <> 'pending' and decided_at <= now() - make_interval(days => ?)))
       returning id::text as id`,
      [orgId, RETENTION_DAYS],
    );
    if (purged.length) {
      await em.execute(
        `delete from core.person_import_row where import_id in (${purged.map(() => '?').join(', ')})`,
        purged.map((p) => p.id),
      );
    }
    return purged.length;
  }
}
