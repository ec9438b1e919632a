// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PluginRegistrar } from '../../sdk/plugin';
import { CodeLists } from '../../sdk/extension-points/code-lists';
import { PersonReferences } from '../../sdk/extension-points/people';
import { PageSlots } from '../../sdk/extension-points/ui';
import { registerCriticalEventApi } from './api';
import { CRITICAL_EVENT_TYPES } from './codes';
import { criticalEvents } from './critical-events';
import { registerCriticalEventPages } from './pages';
import { labelOf } from '../access/code-options';

export { criticalEventPermissions } from './permissions';

/** How many of a person's latest critical events the person page shows; the rest are one click away. */
const SLOT_LIMIT = 5;

/** Critical events of a person: code list, pages, API, and their section on the person page. */
export function registerCriticalEvents(p: PluginRegistrar): void {
  p.contribute(CodeLists, CRITICAL_EVENT_TYPES);
  // A merge of two registrations of one person takes their critical events along.
  p.contribute(PersonReferences, { id: 'core.critical-event', table: 'core.critical_event', column: 'person_id', key: 'id' });
  p.contribute(PageSlots, {
    id: 'core.critical-events.person',
    zone: 'person.details.after',
    template: 'core:critical-events/slot',
    position: 20,
    permission: 'core.critical-events.view',
    async load(ctx, subject) {
      if (subject?.kind !== 'person') return null;
      const list = await criticalEvents.ofPerson(ctx.em, subject.id);
      await ctx.audit({
        action: 'critical-event.list',
        entity: 'person',
        entityId: subject.id,
        details: { results: list.length, where: 'person' },
      });
      return {
        personId: subject.id,
        events: list.slice(0, SLOT_LIMIT).map((e) => ({ ...e, typeLabel: labelOf(ctx, CRITICAL_EVENT_TYPES, e.type) })),
        more: list.length > SLOT_LIMIT,
        canRecord: ctx.can('core.critical-events.record'),
      };
    },
  });
  p.routes((r) => {
    registerCriticalEventPages(r);
    registerCriticalEventApi(r);
  });
}
