// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  CoreServices,
  EventListeners,
  ScheduledJobs,
  localToday,
  type DomainEventName,
  type JobRequests,
  type PluginRegistrar,
} from '@sigess/core/sdk';
import { refreshRecords } from './derive/refresh';
import { enteOf } from './derive/sources';
import { publishPending } from './publish';

export const REFRESH_JOB = 'siuss.records.refresh';
export const PUBLISH_JOB = 'siuss.publish';

const INTERVENTION_EVENTS: readonly DomainEventName[] = [
  'intervention.approved',
  'intervention.rejected',
  'intervention.waiting',
  'intervention.activated',
  'intervention.suspended',
  'intervention.concluded',
];

/**
 * Keeping the records in step with daily work, never in its way: an intervention's move asks for its record to be
 * rebuilt after the commit (the operator's save never waits for SIUSS); a schedule rebuilds everything every quarter
 * of an hour, which catches what raises no event (a person's data fixed, a Scheda SINA or SINBA completed); and
 * publication runs per comune after each rebuild.
 */
export function registerJobs(p: PluginRegistrar, waasEnabled: () => boolean): void {
  const jobs = (): JobRequests => p.container.resolve<JobRequests>(CoreServices.jobs);

  p.contribute(ScheduledJobs, {
    id: REFRESH_JOB,
    cron: '*/15 * * * *',
    atStart: true,
    async run(ctx) {
      const intervention = typeof ctx.data.intervention === 'string' ? ctx.data.intervention : null;
      const cartella = typeof ctx.data.cartella === 'string' ? ctx.data.cartella : null;
      const scope =
        intervention || cartella ? { interventions: intervention ? [intervention] : [], cartelle: cartella ? [cartella] : [] } : {};
      const outcome = await ctx.withEm((db) => refreshRecords(db, ctx.organization.id, ctx.extensions, scope, localToday()));
      if (outcome.changed || outcome.unwanted) {
        ctx.log.info(outcome, 'SIUSS records rebuilt');
        await jobs().request(PUBLISH_JOB, { organizationId: ctx.organization.id });
      }
    },
  });

  p.contribute(ScheduledJobs, {
    id: PUBLISH_JOB,
    cron: '*/5 * * * *',
    async run(ctx) {
      if (!waasEnabled()) return;
      await ctx.withEm(async (db) => {
        const ente = await enteOf(db, ctx.organization.id);
        // Only the comune itself publishes: its counter orders all the flussi of its tree.
        if (ente?.id !== ctx.organization.id) return;
        const published = await publishPending(db, ente);
        if (published) ctx.log.info({ published }, 'SIUSS flussi published');
      });
    },
  });

  for (const event of INTERVENTION_EVENTS)
    p.contribute(EventListeners, {
      id: `siuss.records.${event}`,
      event,
      async handle(payload) {
        const moved = payload as { interventionId: string; cartellaId: string; organizationId: string };
        await jobs().request(REFRESH_JOB, {
          organizationId: moved.organizationId,
          data: { intervention: moved.interventionId, cartella: moved.cartellaId },
        });
      },
    });
}
