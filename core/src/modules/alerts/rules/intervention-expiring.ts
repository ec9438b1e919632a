// SPDX-License-Identifier: AGPL-3.0-or-later
import { serviceName, type AlertRule } from '../../../sdk/extension-points/alerts';

/** How many days ahead an intervention's end is flagged: the time a renewal (new request, new act) takes. */
export const INTERVENTION_NOTICE_DAYS = 30;

/**
 * A service about to stop: an intervention approved or active whose period ends within
 * INTERVENTION_NOTICE_DAYS days, or has ended while it is still active (nobody concluded it). On the
 * cartella, one per intervention; concluding or renewing it resolves the alert by itself.
 */
export const interventionExpiringRule: AlertRule = {
  id: 'core.intervention-expiring',
  events: ['intervention.approved', 'intervention.activated', 'intervention.concluded', 'intervention.suspended'],
  async evaluate({ em, organization, today }) {
    const rows = await em.execute<{ id: string; cartella_id: string; service: string; period_to: string; ended: boolean }[]>(
      `select i.id::text as id, i.cartella_id::text as cartella_id, i.entry_code as service,
              to_char(i.period_to, 'YYYY-MM-DD') as period_to, i.period_to < ?::date as ended
       from core.intervention i
       where i.owner_org_id = ? and i.state in ('approved', 'active')
         and i.period_to is not null and i.period_to < ?::date + ?::int`,
      [today, organization.id, today, INTERVENTION_NOTICE_DAYS],
    );
    return rows.map((r) => ({
      subject: { type: 'cartella' as const, id: r.cartella_id },
      code: `intervention-${r.id}`,
      severity: 'warning' as const,
      messageKey: r.ended ? 'core:alerts.rules.interventionEnded' : 'core:alerts.rules.interventionExpiring',
      params: { service: serviceName(r.service), date: r.period_to },
    }));
  },
};
