// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrgRef, RequestCtx } from '../../sdk/context';
import { AlertRules, type AlertRule } from '../../sdk/extension-points/alerts';
import type { ScheduledJob } from '../../sdk/extension-points/jobs';
import type { DomainEventName } from '../../sdk/extension-points/events';
import type { AlertService, FoundAlert } from './alerts';
import { localToday } from '../../sdk/local-time';

export const EVALUATE_JOB = 'core.alerts.evaluate';

/** Runs the rules for one organization's records and brings its alerts in step, in the caller's transaction. */
export async function evaluateOrganization(
  em: EntityManager,
  rules: readonly AlertRule[],
  organization: OrgRef,
  alerts: AlertService,
): Promise<{ raised: number; resolved: number }> {
  const found: FoundAlert[] = [];
  for (const rule of rules) {
    for (const alert of await rule.evaluate({ em, organization, today: localToday() })) found.push({ ruleId: rule.id, alert });
  }
  return alerts.reconcile(
    em,
    organization.id,
    rules.map((r) => r.id),
    found,
  );
}

/**
 * What a manager's "evaluate now" does (page and API): the nightly job's work, at once, for the
 * organizations of the request's scope only, in the request's transaction; audited.
 */
export async function evaluateRequestScope(
  ctx: RequestCtx,
  alerts: AlertService,
): Promise<{ organizations: number; raised: number; resolved: number }> {
  const organizations = await ctx.em.execute<OrgRef[]>(
    'select id::text as id, code, name from core.organization where id = any (core.request_scope()) order by code',
  );
  const rules = ctx.extensions.all(AlertRules);
  let raised = 0;
  let resolved = 0;
  for (const organization of organizations) {
    const outcome = await evaluateOrganization(ctx.em, rules, organization, alerts);
    raised += outcome.raised;
    resolved += outcome.resolved;
  }
  await ctx.audit({ action: 'alert.evaluate', details: { organizations: organizations.length, raised, resolved } });
  return { organizations: organizations.length, raised, resolved };
}

/**
 * Every morning and at each start: for each organization, its active alert
 * rules look at the records it owns, and its alerts are brought in step with
 * what they find, in one transaction per organization. Also sent for one
 * organization after a domain event (`{ event }` in its data, see events.ts):
 * then only the rules that name the event run, and only theirs are reconciled.
 */
export function evaluateAlertsJob(alerts: () => AlertService): ScheduledJob {
  return {
    id: EVALUATE_JOB,
    cron: '0 6 * * *',
    atStart: true,
    async run(ctx) {
      // Sent after a domain event: only the rules that watch it; otherwise (schedule, start, a manager's request) all.
      const event = typeof ctx.data.event === 'string' ? ctx.data.event : null;
      const rules = ctx.extensions.all(AlertRules).filter((r) => !event || r.events?.includes(event as DomainEventName));
      if (!rules.length) return;
      const outcome = await ctx.withEm((em) => evaluateOrganization(em, rules, ctx.organization, alerts()));
      if (outcome.raised || outcome.resolved) ctx.log.info(outcome, 'alerts evaluated');
    },
  };
}
