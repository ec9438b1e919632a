// SPDX-License-Identifier: AGPL-3.0-or-later
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { enterScope } from '../src/db/scope';
import type { TestApp } from '../src/testing';
import { tempWorkspace, writePlugin } from './fixtures';

/**
 * A plugin with export flows, for the exports tests: `flows.people` writes the people its organization
 * may see (read page by page through `job.withEm`, a checkpoint after each page); `flows.plain` never
 * checkpoints nor reports progress; `flows.broken` always fails; `flows.secret` needs a permission no
 * role holds; `flows.scoped` has a select whose choices are organizations read where the request acts,
 * a `check` of its period, a file name read from the data, and may refuse its run (`ExportRefused`).
 * What the people and scoped flows do on each call is steered by `globalThis.__exportControl`.
 */
export interface ExportControl {
  /** Calls of the people flow's `run`, one per attempt. */
  calls: number;
  /** On the first attempt: throw once this many records were yielded. */
  failAfter: number | null;
  /** On the first attempt: once this many records were yielded, wait for `release` (a stalled worker). */
  stallAfter: number | null;
  stalled: boolean;
  release: (() => void) | null;
  /** Set when an attempt's generator is left, however it ended. */
  finished: number;
  /** Where each call started from. */
  resumedFrom: (string | null)[];
  /** The scoped flow's choices: the organization alone, with the ones right below it, or none. */
  choices: 'own' | 'tree' | 'none';
  /** The scoped flow refuses its run (after a first chunk). */
  refuse: boolean;
  /** Calls of the scoped flow's `run`. */
  scopedCalls: number;
}

export const control = (): ExportControl => (globalThis as unknown as { __exportControl: ExportControl }).__exportControl;

export function resetControl(): void {
  (globalThis as unknown as { __exportControl: ExportControl }).__exportControl = {
    calls: 0,
    failAfter: null,
    stallAfter: null,
    stalled: false,
    release: null,
    finished: 0,
    resumedFrom: [],
    choices: 'own',
    refuse: false,
    scopedCalls: 0,
  };
}

/** People per page of the people flow: a checkpoint after each. */
export const PAGE = 7;
export const HEADER = 'id;cognome;periodo è\n';

export function flowsWorkspace(name: string): string {
  const root = tempWorkspace(name);
  writePlugin(root, {
    id: 'flows',
    permissions: [
      { id: 'flows.export', defaultRoles: ['educator', 'access-point-operator'] },
      { id: 'flows.secret', defaultRoles: [] },
    ],
    locales: {
      it: {
        people: 'Persone in carico',
        plain: 'Flusso semplice',
        broken: 'Flusso difettoso',
        secret: 'Flusso riservato',
        scoped: 'Flusso per unità',
        params: {
          period: 'Periodo',
          kind: 'Tipo',
          from: 'Dal giorno',
          year: 'Anno',
          note: 'Nota',
          unit: 'Unità',
          first: 'Dal mese',
          last: 'Al mese',
        },
        kinds: { full: 'Completo', delta: 'Variazioni' },
        errors: {
          reversed: 'Il mese finale precede quello iniziale.',
          early: 'Per {{unit}} non ci sono dati prima del {{year}}.',
          refused: 'Per {{unit}} non resta nulla da esportare.',
        },
      },
      en: {
        people: 'People in care',
        plain: 'Plain flow',
        broken: 'Broken flow',
        secret: 'Secret flow',
        scoped: 'Flow by unit',
        params: {
          period: 'Period',
          kind: 'Kind',
          from: 'From',
          year: 'Year',
          note: 'Note',
          unit: 'Unit',
          first: 'From month',
          last: 'To month',
        },
        kinds: { full: 'Full', delta: 'Changes' },
        errors: {
          reversed: 'The last month comes before the first.',
          early: 'There are no data for {{unit}} before {{year}}.',
          refused: 'Nothing is left to export for {{unit}}.',
        },
      },
    },
    code: `
      register(p) {
        p.contribute(sdk.ExportFlows, {
          id: 'flows.people',
          titleKey: 'flows:people',
          format: 'csv',
          permission: 'flows.export',
          params: [
            { name: 'period', labelKey: 'flows:params.period', kind: 'month', required: true },
            { name: 'kind', labelKey: 'flows:params.kind', kind: 'select', options: [
              { value: 'full', labelKey: 'flows:kinds.full' }, { value: 'delta', labelKey: 'flows:kinds.delta' } ] },
            { name: 'from', labelKey: 'flows:params.from', kind: 'date' },
            { name: 'year', labelKey: 'flows:params.year', kind: 'year' },
            { name: 'note', labelKey: 'flows:params.note', kind: 'text' },
          ],
          filename: (params) => 'persone-' + params.period + '.csv',
          async *run(params, job) {
            const ctl = globalThis.__exportControl;
            ctl.calls += 1;
            const call = ctl.calls;
            ctl.resumedFrom.push(job.resumeFrom);
            try {
              const total = await job.withEm(async (em) => (await em.execute('select count(*)::int as n from core.person'))[0].n);
              let after = job.resumeFrom;
              let done = after
                ? await job.withEm(async (em) => (await em.execute('select count(*)::int as n from core.person where id <= ?::uuid', [after]))[0].n)
                : 0;
              let yielded = 0;
              // A worker woken after a stall writes something else: were it let write, the file would show it.
              let woke = false;
              if (!after) yield ${JSON.stringify(HEADER)};
              for (;;) {
                const rows = await job.withEm((em) => em.execute(
                  'select id::text as id, surname from core.person where (?::uuid is null or id > ?::uuid) order by id limit ${PAGE}',
                  [after, after]));
                if (!rows.length) break;
                for (const row of rows) {
                  yield row.id + ';' + row.surname + ';' + params.period + (woke ? ';stale' : '') + '\\n';
                  yielded += 1;
                  if (call === 1 && ctl.failAfter === yielded) throw new Error('simulated crash after ' + yielded + ' records');
                  if (call === 1 && ctl.stallAfter === yielded) {
                    await new Promise((resolve) => { ctl.release = resolve; ctl.stalled = true; });
                    woke = true;
                  }
                }
                after = rows[rows.length - 1].id;
                done += rows.length;
                await job.checkpoint(after);
                await job.progress(done, total);
              }
            } finally {
              ctl.finished += 1;
            }
          },
        });
        p.contribute(sdk.ExportFlows, {
          id: 'flows.plain',
          titleKey: 'flows:plain',
          format: 'json',
          permission: 'flows.export',
          async *run(params, job) {
            yield '[';
            for (let i = 0; i < 1000; i++) yield (i ? ',' : '') + JSON.stringify({ n: i, org: job.organizationId });
            yield new TextEncoder().encode(']');
          },
        });
        p.contribute(sdk.ExportFlows, {
          id: 'flows.broken',
          titleKey: 'flows:broken',
          format: 'xml',
          permission: 'flows.export',
          async *run() {
            yield '<?xml version="1.0"?><flusso>';
            throw new Error('the source refused the query');
          },
        });
        p.contribute(sdk.ExportFlows, {
          id: 'flows.secret',
          titleKey: 'flows:secret',
          format: 'csv',
          permission: 'flows.secret',
          async *run() { yield 'riservato'; },
        });
        const nameOf = async (em, id) =>
          (await em.execute('select name from core.organization where id = ?::uuid', [id]))[0]?.name ?? id;
        p.contribute(sdk.ExportFlows, {
          id: 'flows.scoped',
          titleKey: 'flows:scoped',
          format: 'csv',
          permission: 'flows.export',
          params: [
            { name: 'unit', labelKey: 'flows:params.unit', kind: 'select', required: true,
              async choices(scope) {
                const mode = globalThis.__exportControl.choices;
                const rows = await scope.em.execute(
                  "select id::text as id, name from core.organization where ? <> 'none' and (id = ?::uuid or (? = 'tree' and parent_id = ?::uuid)) order by name",
                  [mode, scope.organizationId, mode, scope.organizationId]);
                return rows.map((r) => ({ value: r.id, label: r.name }));
              } },
            { name: 'first', labelKey: 'flows:params.first', kind: 'month', required: true },
            { name: 'last', labelKey: 'flows:params.last', kind: 'month', required: true },
          ],
          async check(params, scope) {
            if (params.last < params.first) return [{ param: 'last', messageKey: 'flows:errors.reversed' }];
            if (params.first < '2000-01')
              return [{ param: 'first', messageKey: 'flows:errors.early', values: { unit: await nameOf(scope.em, params.unit), year: 2000 } }];
            return [];
          },
          async filename(params, scope) {
            const [row] = await scope.em.execute('select code from core.organization where id = ?::uuid', [params.unit]);
            return 'unita-' + row.code + '-' + params.first + '.csv';
          },
          async *run(params, job) {
            const ctl = globalThis.__exportControl;
            ctl.scopedCalls += 1;
            yield 'unit;first;last\\n';
            if (ctl.refuse) {
              const unit = await job.withEm((em) => nameOf(em, params.unit));
              throw new sdk.ExportRefused('flows:errors.refused', { unit });
            }
            yield params.unit + ';' + params.first + ';' + params.last + '\\n';
          },
        });
      }`,
  });
  return root;
}

/** As the database owner, past row-level security: what the test checks, not what a user may see. */
export async function asOwner<R>(app: TestApp, work: (em: EntityManager) => Promise<R>): Promise<R> {
  const em = app.platform.orm.em.fork();
  await em.execute('reset role');
  try {
    return await work(em);
  } finally {
    await em.execute(`set role ${app.platform.config.appRole}`);
  }
}

export async function orgId(app: TestApp, code: string): Promise<string> {
  const [row] = await asOwner(app, (em) =>
    em.execute<{ id: string }[]>('select id::text as id from core.organization where code = ?', [code]),
  );
  return row!.id;
}

/** What the people flow must write for an organization: the people an operator of it sees, as its own query reads them. */
export async function expectedPeople(app: TestApp, code: string, period: string): Promise<string> {
  const id = await orgId(app, code);
  const orgs = await app.platform.organizations.scope(app.platform.orm.em.fork(), id);
  const rows = await app.platform.orm.em.fork().transactional(async (tx) => {
    await enterScope(tx, { orgId: id, orgs });
    return tx.execute<{ id: string; surname: string }[]>('select id::text as id, surname from core.person order by id');
  });
  return HEADER + rows.map((r) => `${r.id};${r.surname};${period}\n`).join('');
}

export interface RunRow {
  state: string;
  checkpoint: string | null;
  bytes: number;
  done: number;
  total: number | null;
  attempts: number;
  file_key: string | null;
  error_code: string | null;
  error: string | null;
  error_message: { key: string; values: Record<string, unknown> } | null;
}

export async function runRow(app: TestApp, id: string): Promise<RunRow> {
  const [row] = await asOwner(app, (em) =>
    em.execute<RunRow[]>(
      `select state, checkpoint, bytes::int as bytes, done::int as done, total::int as total, attempts, file_key, error_code, error,
         error_message
       from core.export_run where id = ?`,
      [id],
    ),
  );
  return row!;
}

/** The file of a run, as the disk holds it. */
export function fileOf(app: TestApp, key: string): Buffer {
  return readFileSync(join(app.platform.config.exports.folder!, key));
}

/** Waits until `check` holds, polling; fails after `ms`. */
export async function eventually<T>(probe: () => Promise<T>, check: (value: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await probe();
  while (!check(value)) {
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await probe();
  }
  return value;
}

export async function auditOf(app: TestApp, runId: string) {
  return asOwner(app, (em) =>
    em.execute<{ action: string; operator: string | null; details: Record<string, unknown> }[]>(
      `select a.action, o.username as operator, a.details from core.audit_log a left join core.operator o on o.id = a.operator_id
       where a.entity = 'export-run' and a.entity_id = ? order by a.at, a.id`,
      [runId],
    ),
  );
}
