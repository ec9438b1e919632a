// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrgRef } from '../../sdk/context';
import { AlertRules, type AlertRule } from '../../sdk/extension-points/alerts';
import type { ScheduledJob } from '../../sdk/extension-points/jobs';
import type { AlertService, FoundAlert } from './alerts';

export const EVALUATE_JOB = 'core.alerts.evaluate';

/** Today in Italy: alerts are about Italian calendar days, whatever the server's time zone. */
export function romeToday(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Rome' }).format(now);
}

/** Runs the rules for one organization's records and brings its alerts in step, in the caller's transaction. */
export async function evaluateOrganization(
  em: EntityManager,
  rules: readonly AlertRule[],
  organization: OrgRef,
  alerts: AlertService,
): Promise<{ raised: number; resolved: number }> {
  const found: FoundAlert[] = [];
  for (const rule of rules) {
    for (const alert of await rule.evaluate({ em, organization, today: romeToday() })) found.push({ ruleId: rule.id, alert });
  }
  return alerts.reconcile(
    em,
    organization.id,
    rules.map((r) => r.id),
    found,
  );
}

/**
 * Every morning and at each start: for each organization, its active alert
 * rules look at the records it owns, and its alerts are brought in step with
 * what they find, in one transaction per organization.
 */
export function evaluateAlertsJob(alerts: () => AlertService): ScheduledJob {
  return {
    id: EVALUATE_JOB,
    cron: '0 6 * * *',
    atStart: true,
    async run(ctx) {
      const rules = ctx.extensions.all(AlertRules);
      if (!rules.length) return;
      const outcome = await ctx.withEm((em) => evaluateOrganization(em, rules, ctx.organization, alerts()));
      if (outcome.raised || outcome.resolved) ctx.log.info(outcome, 'alerts evaluated');
    },
  };
}
