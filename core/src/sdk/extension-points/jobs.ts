// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { defineKeyedPoint } from '../extension-point';
import type { ExtensionView, OrgRef } from '../context';

/** What a job run for one organization may use. */
export interface JobContext {
  readonly log: Logger;
  /** The organization this run is for: the job's owner is active there. */
  readonly organization: OrgRef;
  /** The contributions of core and of the plugins active for it (its alert rules, say). */
  readonly extensions: ExtensionView;
  /** What the run was requested with (`{}` on a schedule): e.g. the domain event that asked for it. */
  readonly data: Readonly<Record<string, string | number | boolean | null>>;
  /**
   * Runs `work` in one transaction bound to the organization's data scope, as
   * an operator of it would be (row-level security applies). Records of
   * organizations below it are in that scope too: a job that acts per record
   * works on `owner_org_id = organization.id`, so that each record is handled
   * once across the tree.
   */
  withEm<R>(work: (em: EntityManager) => Promise<R>): Promise<R>;
}

/**
 * Background work that runs on a schedule (cron syntax, Europe/Rome time) or
 * when sent, through the job queue on PostgreSQL: once per organization where
 * the contributor is active, never twice across a cluster, retried on failure.
 */
export interface ScheduledJob {
  /** Unique, prefixed with the contributor's id: `core.alerts.evaluate`. */
  readonly id: string;
  /** Five-field cron expression; none: the job runs only when sent. */
  readonly cron?: string;
  /** Also run soon after each start of a node that works the queue (a fresh installation, a restart). */
  readonly atStart?: boolean;
  run(ctx: JobContext): Promise<void>;
}
export const ScheduledJobs = defineKeyedPoint<ScheduledJob>('sigess.scheduled-jobs', (j) => j.id);
