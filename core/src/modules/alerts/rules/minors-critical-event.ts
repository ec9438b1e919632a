// SPDX-License-Identifier: AGPL-3.0-or-later
import { codeLabel, type AlertRule } from '../../../sdk/extension-points/alerts';

/**
 * How long after it is recorded a critical event keeps its alert open: a month is the time a service
 * has to see the family; after that the event is history, read on the person's page. Acknowledging
 * ends it sooner.
 */
export const CRITICAL_EVENT_WINDOW_DAYS = 30;

/** The household kinds that are a nucleo (the registered family, the cohabiting one), as eligibility counts them. */
const NUCLEI = `('anagrafico', 'convivente')`;

/**
 * Minors exposed to a crisis: a critical event (eviction, lost job, violence…) recorded in the last
 * CRITICAL_EVENT_WINDOW_DAYS days about someone whose current household has at least one member under
 * 18 today, and someone of that household has a cartella not closed here. One alert per event and
 * cartella, on the cartella, so the operator in charge sees it where they work.
 */
export const minorsCriticalEventRule: AlertRule = {
  id: 'core.minors-critical-event',
  events: ['critical-event.recorded'],
  async evaluate({ em, organization, today }) {
    const rows = await em.execute<{ event_id: string; cartella_id: string; event_type: string; occurred_on: string; minors: number }[]>(
      `with recent as (
         select e.id, e.person_id, e.event_type, e.occurred_on
         from core.critical_event e
         where e.withdrawn_at is null
           -- Recorded on one of the last N days in Italy, written so that the index on recorded_at serves it.
           and e.recorded_at >= ((?::date - ?::int + 1)::timestamp at time zone 'Europe/Rome')
       ),
       households as (
         select distinct r.id as event_id, m.household_id
         from recent r
         join core.household_member m on m.person_id = r.person_id
         join core.household h on h.id = m.household_id
         where h.kind in ${NUCLEI} and m.valid_from <= ?::date and (m.valid_to is null or m.valid_to > ?::date)
       ),
       members as (
         select distinct x.event_id, m.person_id
         from households x
         join core.household_member m on m.household_id = x.household_id
         where m.valid_from <= ?::date and (m.valid_to is null or m.valid_to > ?::date)
       )
       select r.id::text as event_id, k.id::text as cartella_id, r.event_type, to_char(r.occurred_on, 'YYYY-MM-DD') as occurred_on,
              (select count(distinct p.id)::int from members mm join core.person p on p.id = mm.person_id
               where mm.event_id = r.id and p.deceased_date is null and p.birth_date > ?::date - interval '18 years') as minors
       from recent r
       join (select distinct event_id, person_id from members) mb on mb.event_id = r.id
       join core.cartella k on k.person_id = mb.person_id and k.state <> 'closed' and k.owner_org_id = ?
       group by r.id, k.id, r.event_type, r.occurred_on`,
      [today, CRITICAL_EVENT_WINDOW_DAYS, today, today, today, today, today, organization.id],
    );
    return rows
      .filter((r) => r.minors > 0)
      .map((r) => ({
        subject: { type: 'cartella' as const, id: r.cartella_id },
        code: `critical-event-${r.event_id}`,
        severity: 'critical' as const,
        messageKey: 'core:alerts.rules.minorsCriticalEvent',
        params: { type: codeLabel('core.critical-event-types', r.event_type), date: r.occurred_on, count: r.minors },
      }));
  },
};
