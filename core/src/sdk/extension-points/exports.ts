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
  /** The choices of a `select`: their labels are i18n keys too. */
  readonly options?: readonly { readonly value: string; readonly labelKey: string }[];
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
  /** The download's file name (letters, digits, `.`, `_` and `-`); default `<flow id>-<YYYY-MM-DD>.<format>`. */
  filename?(params: Readonly<Record<string, string>>): string;
  run(params: Readonly<Record<string, string>>, job: ExportJob): AsyncIterable<string | Uint8Array>;
}
export const ExportFlows = defineKeyedPoint<ExportFlow>('sigess.export-flows', (f) => f.id);
