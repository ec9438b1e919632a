// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { defineKeyedPoint } from '../extension-point';

export interface ExportJob {
  /** The organization the run is for: the operator who started it acts there. */
  readonly organizationId: string;
  readonly log: Logger;
  /**
   * Saves a resume point. Call it right after yielding the last chunk that belongs before `position`:
   * the core writes what was yielded so far to the file, flushes it, and records the position with the
   * file's length in one statement. A restarted run gets the file cut back to that length, and the
   * position back in `resumeFrom`; whatever was yielded after the last checkpoint is produced again.
   */
  checkpoint(position: string): Promise<void>;
  /** The position of the last checkpoint of an interrupted run; null on a first run, or one that never saved one. */
  readonly resumeFrom: string | null;
  /** How far the run is (records written of `total`): shown as a progress bar; written at most twice a second. */
  progress(done: number, total: number): Promise<void>;
  /**
   * Runs `work` in one transaction bound to the organization's data scope, as an operator of it would
   * be (row-level security applies), as `JobContext.withEm` does. Keep transactions short: read a
   * page of records in each, never the whole export in one.
   */
  withEm<R>(work: (em: EntityManager) => Promise<R>): Promise<R>;
}

/**
 * Where a parameter's choices are computed and a flow's parameters are checked: the organization the operator
 * acts in, and the request's EntityManager, in its transaction, bound to that organization's data scope (row-level
 * security applies, as for an operator of it). Read with it; never write.
 */
export interface ExportScope {
  readonly organizationId: string;
  readonly em: EntityManager;
}

/** One of a dynamic select's choices: its value reaches `run`; its label is shown as it is (an organization's name, say). */
export interface ExportChoice {
  readonly value: string;
  readonly label: string;
}

/**
 * What `check` finds wrong with a flow's parameters taken together, or with the data they name: shown beside the
 * field `param` (a declared parameter's name), as the per-parameter errors are.
 */
export interface ExportParamProblem {
  readonly param: string;
  /** i18n key of the message, in the contributor's namespace; `values` are interpolated into it. */
  readonly messageKey: string;
  readonly values?: Readonly<Record<string, unknown>>;
}

/**
 * Thrown by a flow's `run` when the data make its file impossible (nothing left to send in the period, an ente no
 * longer in reach): the run fails at once, without the retries a transient error gets, and the operator reads
 * `messageKey` (an i18n key of the contributor's namespace, with `values` interpolated) as its reason, in their
 * language. Nothing personal in either: they are stored with the run and shown to whoever sees it.
 */
export class ExportRefused extends Error {
  constructor(
    readonly messageKey: string,
    readonly values: Readonly<Record<string, string | number | boolean>> = {},
  ) {
    super(`export refused: ${messageKey}`);
    this.name = 'ExportRefused';
  }
}

/** What kind of value a parameter takes; the form shows the matching input, the core checks it. */
export type ExportParamKind = 'date' | 'month' | 'year' | 'text' | 'select';

/**
 * One parameter of a flow, as the operator fills it in before starting it. The value reaches `run`
 * as a string: `date` as `YYYY-MM-DD`, `month` as `YYYY-MM`, `year` as `YYYY`, `select` as one of the
 * options' values, `text` trimmed (at most 200 characters). An optional parameter left blank is absent.
 */
export interface ExportParam {
  /** Its key in `params`: camelCase letters and digits (`period`, `fromDate`). */
  readonly name: string;
  /** i18n key of its label, in the contributor's namespace. */
  readonly labelKey: string;
  readonly kind: ExportParamKind;
  readonly required?: boolean;
  /** The fixed choices of a `select`: their labels are i18n keys too. A select has these or `choices`, not both. */
  readonly options?: readonly { readonly value: string; readonly labelKey: string }[];
  /**
   * The choices of a `select` that depend on the organization (the comuni of an ambito, say), computed each time
   * the form, the flows' list or a start needs them; only one of them is accepted. A required select with exactly
   * one choice has it preselected, and takes it when the caller sends none; one with no choice refuses every start.
   */
  choices?(scope: ExportScope): Promise<readonly ExportChoice[]>;
}

/** A national or regional data flow, streamed and resumable. */
export interface ExportFlow {
  readonly id: string;
  readonly titleKey: string;
  /** The file's format; it gives the download's content type (`application/xml`, `text/csv`, `application/json`). */
  readonly format: 'xml' | 'csv' | 'json';
  readonly permission: string;
  /** What the operator fills in before starting it; checked by the core before `run` ever sees it. */
  readonly params?: readonly ExportParam[];
  /**
   * Checks the parameters together, and against the data, once each passed its own check and before the run is
   * recorded (a period whose end comes before its start, a period with nothing to send): every problem refuses
   * the start with 422, field by field. Read through `scope.em`; a flow that needs no such check leaves it out.
   */
  check?(params: Readonly<Record<string, string>>, scope: ExportScope): Promise<readonly ExportParamProblem[]>;
  /**
   * The download's file name (letters, digits, `.`, `_` and `-`); default `<flow id>-<YYYY-MM-DD>.<format>`.
   * Given when the run is recorded, with the starting request's scope (to name the file after a chosen ente, say).
   */
  filename?(params: Readonly<Record<string, string>>, scope: ExportScope): string | Promise<string>;
  /**
   * Writes the file, chunk by chunk. Throwing `ExportRefused` fails the run at once with its message for the
   * operator; anything else thrown is tried again (three attempts in all), then reported with a generic reason.
   */
  run(params: Readonly<Record<string, string>>, job: ExportJob): AsyncIterable<string | Uint8Array>;
}
export const ExportFlows = defineKeyedPoint<ExportFlow>('sigess.export-flows', (f) => f.id);
