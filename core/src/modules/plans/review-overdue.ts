// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AlertRule } from '../../sdk/extension-points/alerts';

/** Days past the review date after which an overdue review becomes critical. */
export const OVERDUE_CRITICAL_DAYS = 30;

/**
 * A plan nobody is checking: an active plan of a cartella still in charge whose next review date has
 * passed. Warning at first, critical after OVERDUE_CRITICAL_DAYS days; recording the review (or closing
 * the plan) moves the date and the alert resolves itself at the next evaluation.
 */
export const planReviewOverdueRule: AlertRule = {
  id: 'core.plan-review-overdue',
  async evaluate({ em, organization, today }) {
    const rows = await em.execute<{ cartella_id: string; due: string; late: number }[]>(
      `select p.cartella_id::text as cartella_id, to_char(p.next_review_on, 'YYYY-MM-DD') as due, (?::date - p.next_review_on)::int as late
       from core.plan p join core.cartella k on k.id = p.cartella_id
       where p.owner_org_id = ? and p.state = 'active' and p.next_review_on < ?::date and k.state <> 'closed'`,
      [today, organization.id, today],
    );
    return rows.map((r) => ({
      subject: { type: 'cartella' as const, id: r.cartella_id },
      code: 'plan-review-overdue',
      severity: r.late > OVERDUE_CRITICAL_DAYS ? ('critical' as const) : ('warning' as const),
      messageKey: 'core:plans.alerts.reviewOverdue',
      params: { date: r.due, days: r.late },
    }));
  },
};
