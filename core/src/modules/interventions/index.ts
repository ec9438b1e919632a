// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PluginRegistrar } from '../../sdk/plugin';
import { MenuItems, PageSlots } from '../../sdk/extension-points/ui';
import { PersonReferences } from '../../sdk/extension-points/people';
import { registerInterventionApi } from './api';
import { interventionsCartellaSlot } from './cartella-slot';
import { registerInterventionPages } from './pages';

export { interventionPermissions } from './permissions';

/** Interventions: requests from the cartella, decisions, the waiting list per service, deliveries and totals against budget. */
export function registerInterventions(p: PluginRegistrar): void {
  // A merge of two registrations of one person takes their interventions along.
  p.contribute(PersonReferences, { id: 'core.intervention', table: 'core.intervention', column: 'person_id', key: 'id' });
  p.contribute(PageSlots, interventionsCartellaSlot);
  p.contribute(MenuItems, {
    id: 'core.interventions',
    menu: 'main',
    labelKey: 'core:interventions.menu',
    route: 'core.interventions',
    position: 106,
    permission: 'core.interventions.view',
    icon: 'it-list',
  });
  p.routes((r) => {
    // Fixed paths (`/interventions/new`, `/api/v1/interventions/totals`) before the `:id` ones.
    registerInterventionPages(r);
    registerInterventionApi(r);
  });
}
