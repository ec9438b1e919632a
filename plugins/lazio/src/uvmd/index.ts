// SPDX-License-Identifier: AGPL-3.0-or-later
import { MenuItems, PageSlots, PersonReferences, type PluginRegistrar } from '@sigess/core/sdk';
import { registerUvmdRoutes } from './routes';
import { UVMD_SLOT } from './slot';

/**
 * The back office's integrated assessment (L.R. 11/2016 art. 53): a UVMD session for a cartella shares it with the
 * ASL's health district through core's sharing, the ASL writes the health part, the team fills SVAMA or SVAMDi, and
 * the owner records the outcome and the PAI (art. 9). The share ends by itself on its last day or when revoked.
 */
export function registerUvmd(p: PluginRegistrar): void {
  p.routes((r) => registerUvmdRoutes(r, p.container));
  p.contribute(PageSlots, UVMD_SLOT);
  p.contribute(MenuItems, {
    id: 'lazio.uvmd',
    menu: 'main',
    labelKey: 'lazio:uvmd.menu',
    route: 'lazio.uvmd.list',
    position: 107,
    icon: 'it-calendar',
  });
  p.contribute(PersonReferences, { id: 'lazio.uvmd-session', table: 'plg_lazio.uvmd_session', column: 'person_id', key: 'id' });
}
