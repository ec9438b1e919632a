// SPDX-License-Identifier: AGPL-3.0-or-later
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Kernel } from '../kernel/kernel';
import type { ActivationService } from '../modules/organizations/activation';
import type { OrganizationService } from '../modules/organizations/service';
import { enterScope } from '../db/scope';
import { ScheduledJobs, type JobContext, type ScheduledJob } from '../sdk/extension-points/jobs';
import type { JobQueue } from './queue';

/** What a job is sent with: the organization whose records changed (all organizations when absent), and data for the job. */
export interface JobRequest {
  readonly organizationId?: string;
  readonly data?: Readonly<Record<string, string | number | boolean | null>>;
}

interface RunnerDeps {
  readonly orm: MikroORM;
  readonly kernel: Kernel;
  readonly activation: ActivationService;
  readonly organizations: OrganizationService;
  readonly ports: Readonly<Record<string, string>>;
  readonly log: Logger;
}

/**
 * Runs the `ScheduledJobs` contributions: each job once per organization where
 * its contributor is active, in that organization's data scope. Through the
 * queue when one is started (schedules, retries, one node at a time), or at
 * once with `run` (tests, and installations that run without a queue).
 */
export class JobRunner {
  private queue: JobQueue | null = null;

  constructor(private readonly deps: RunnerDeps) {}

  /** Every contributed job, whatever the organization: the queue knows them all. */
  private jobs(): ScheduledJob[] {
    const everyPlugin = new Set(this.deps.kernel.plugins.map((p) => p.id));
    return this.deps.kernel.registry.forOrg(everyPlugin, this.deps.ports).keyed(ScheduledJobs);
  }

  /** Hands the jobs to the queue: a worker each, and their schedules. */
  async start(queue: JobQueue): Promise<void> {
    this.queue = queue;
    await queue.start();
    for (const job of this.jobs()) {
      await queue.work<JobRequest>(job.id, async (data) => {
        await this.run(job.id, data);
      });
      if (job.cron) await queue.schedule(job.id, job.cron);
      if (job.atStart) await queue.send(job.id, {});
    }
  }

  async stop(): Promise<void> {
    await this.queue?.stop();
    this.queue = null;
  }

  /**
   * Asks the queue to run a job soon (at once without a queue), for every organization or, with
   * `organizationId`, for the organizations whose scope holds that one's records (it, and those
   * above it); `data` reaches the job as `ctx.data`.
   */
  async request(jobId: string, request: JobRequest = {}): Promise<void> {
    if (this.queue) await this.queue.send(jobId, request);
    else await this.run(jobId, request);
  }

  /**
   * Runs a job for every organization where it is active. One organization's
   * failure does not stop the others; the run then fails as a whole, so the
   * queue retries it (jobs are written to be run again safely).
   */
  async run(jobId: string, request: JobRequest = {}): Promise<{ organizations: number; failed: number }> {
    const { orm, kernel, activation, organizations, ports, log } = this.deps;
    const em = orm.em.fork();
    let ran = 0;
    let failed = 0;
    for (const org of await organizations.list(em)) {
      const scope = { orgId: org.id, orgs: await organizations.scope(em, org.id) };
      // Asked for one organization's records: every organization whose scope holds them (it, and those above it).
      if (request.organizationId && !scope.orgs.includes(request.organizationId)) continue;
      const extensions = kernel.registry.forOrg(await activation.activeFor(em, org.id), ports);
      const job = extensions.get(ScheduledJobs, jobId);
      if (!job) continue;
      const ctx: JobContext = {
        log: log.child({ job: jobId, organization: org.code }),
        organization: { id: org.id, code: org.code, name: org.name },
        extensions,
        data: request.data ?? {},
        withEm: (work) =>
          orm.em.fork().transactional(async (tx) => {
            await enterScope(tx, scope);
            return work(tx);
          }),
      };
      ran += 1;
      try {
        await job.run(ctx);
      } catch (error) {
        failed += 1;
        ctx.log.error({ err: error }, 'job failed for this organization');
      }
    }
    if (failed) throw new Error(`job ${jobId} failed for ${failed} of ${ran} organization(s)`);
    return { organizations: ran, failed };
  }
}
