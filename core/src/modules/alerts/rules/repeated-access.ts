// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AlertRule } from '../../../sdk/extension-points/alerts';
import { REPEAT_VISITS, REPEAT_WINDOW_DAYS } from '../../access/codes';

/**
 * A latent need: someone who keeps coming to the desks without being taken in
 * charge. The same threshold as the access register's list, so the alert and
 * the list agree: REPEAT_VISITS contacts in REPEAT_WINDOW_DAYS days at the
 * desks of the scope, and no cartella open (or suspended) for them there.
 */
export const repeatedAccessRule: AlertRule = {
  id: 'core.repeated-access',
  events: ['access.contact-recorded'],
  async evaluate({ em, organization, today }) {
    // Contacts at any desk of the scope count; the alert belongs to the desk that saw the person last.
    const rows = await em.execute<{ person_id: string; contacts: number }[]>(
      `with recent as (
         select c.person_id, count(*)::int as contacts,
                (array_agg(c.owner_org_id order by c.occurred_at desc))[1] as last_desk
         from core.access_contact c
         where c.person_id is not null and c.occurred_at >= ?::date - ?::int
         group by c.person_id
       )
       select r.person_id::text as person_id, r.contacts
       from recent r
       where r.last_desk = ? and r.contacts >= ?
         and not exists (select from core.cartella k where k.person_id = r.person_id and k.state <> 'closed')`,
      [today, REPEAT_WINDOW_DAYS, organization.id, REPEAT_VISITS],
    );
    return rows.map((r) => ({
      subject: { type: 'person' as const, id: r.person_id },
      code: 'repeated-access',
      severity: 'warning' as const,
      messageKey: 'core:alerts.rules.repeatedAccess',
      params: { contacts: r.contacts, days: REPEAT_WINDOW_DAYS },
    }));
  },
};
