// SPDX-License-Identifier: AGPL-3.0-or-later
import type { DependencyContainer } from 'tsyringe';
import type { DomainEventName, EventListener } from '../../sdk/extension-points/events';
import { CoreTokens } from '../../tokens';
import { EVALUATE_JOB } from './evaluate';

/**
 * The domain events core raises, each of which may be named by a rule's `events`. Listeners are
 * contributions fixed at registration, before any plugin's rules are known; so core listens to all
 * of its events and the job, sent with the event's name, runs only the rules that name it (none: a
 * no-op).
 */
export const CORE_DOMAIN_EVENTS: readonly DomainEventName[] = [
  'intervention.requested',
  'intervention.approved',
  'intervention.rejected',
  'intervention.waiting',
  'intervention.activated',
  'intervention.suspended',
  'intervention.concluded',
  'critical-event.recorded',
  'access.contact-recorded',
];

/** The organization an event concerns: every core event payload names it. */
const organizationOf = (payload: unknown, fallback: string | null): string | null => {
  const id = (payload as { organizationId?: unknown }).organizationId;
  return typeof id === 'string' ? id : fallback;
};

/**
 * After a domain event (delivered once its transaction commits), asks the job queue to evaluate the
 * alert rules that watch it, for the event's organization. The runner comes from the root container
 * (`CoreTokens.Jobs`, registered when the platform starts). With a queue the evaluation runs shortly
 * after, on whichever node works the queue; without one (`jobs: false`, the tests' default) the runner
 * evaluates at once, so the alert is there when the request that raised the event has answered.
 */
export function evaluateOnEvents(container: DependencyContainer): EventListener[] {
  return CORE_DOMAIN_EVENTS.map((event) => ({
    id: `core.alerts.on.${event}`,
    event,
    async handle(payload, ctx) {
      const organizationId = organizationOf(payload, ctx.organizationId);
      if (!organizationId || !container.isRegistered(CoreTokens.Jobs, true)) return;
      await container.resolve(CoreTokens.Jobs).request(EVALUATE_JOB, { organizationId, data: { event } });
    },
  }));
}
