// SPDX-License-Identifier: AGPL-3.0-or-later
import { MenuItems, PageSlots, PersonReferences, type PluginRegistrar } from '@sigess/core/sdk';
import { registerPuaRoutes } from './routes';
import { PUA_SLOT } from './slot';

/**
 * The integrated PUA (L.R. 11/2016 art. 52 c. 2 lett. c; DGR 149/2018): the front office records the scheda PUA on
 * core's access contact, pre-assesses, and answers or sends the case to the back office for the UVMD.
 */
export function registerPua(p: PluginRegistrar): void {
  p.routes(registerPuaRoutes);
  p.contribute(PageSlots, PUA_SLOT);
  p.contribute(MenuItems, {
    id: 'lazio.back-office',
    menu: 'main',
    labelKey: 'lazio:pua.backOffice.menu',
    route: 'lazio.pua.back-office',
    // Beside the access register the back office is fed from.
    position: 103,
    icon: 'it-inbox',
  });
  // A merge of two registrations moves the schede to the surviving person.
  p.contribute(PersonReferences, { id: 'lazio.pua-scheda', table: 'plg_lazio.pua_scheda', column: 'person_id', key: 'id' });
}
