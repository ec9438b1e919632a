// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AlertRule } from '../../../sdk/extension-points/alerts';

/** How many days ahead an ISEE about to expire is flagged: time enough for a new DSU. */
export const ISEE_NOTICE_DAYS = 30;

/**
 * A benefit about to lose its basis: the person is in charge (a cartella not
 * closed) and their latest ISEE of a type expires within ISEE_NOTICE_DAYS days
 * or has expired, with no newer one recorded. Warning before, critical after.
 */
export const iseeExpiringRule: AlertRule = {
  id: 'core.isee-expiring',
  async evaluate({ em, organization, today }) {
    const rows = await em.execute<{ person_id: string; isee_type: string; expires_on: string; expired: boolean }[]>(
      `with latest as (
         select distinct on (i.person_id, i.isee_type) i.person_id, i.isee_type, i.expires_on
         from core.isee i
         where i.owner_org_id = ?
         order by i.person_id, i.isee_type, i.expires_on desc
       )
       select l.person_id::text as person_id, l.isee_type, to_char(l.expires_on, 'YYYY-MM-DD') as expires_on, l.expires_on < ?::date as expired
       from latest l
       where l.expires_on < ?::date + ?::int
         and exists (select from core.cartella k where k.person_id = l.person_id and k.state <> 'closed')`,
      [organization.id, today, today, ISEE_NOTICE_DAYS],
    );
    return rows.map((r) => ({
      subject: { type: 'person' as const, id: r.person_id },
      code: `isee-${r.isee_type}`,
      severity: r.expired ? ('critical' as const) : ('warning' as const),
      messageKey: r.expired ? 'core:alerts.rules.iseeExpired' : 'core:alerts.rules.iseeExpiring',
      params: { type: r.isee_type, date: r.expires_on },
    }));
  },
};
