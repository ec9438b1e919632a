// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PluginRegistrar } from '../../sdk/plugin';
import { CodeLists } from '../../sdk/extension-points/code-lists';
import { MenuItems, PageSlots } from '../../sdk/extension-points/ui';
import { PersonReferences } from '../../sdk/extension-points/people';
import { CLOSING_REASONS, CONFIDENTIALITY_LEVELS, NOTE_TYPES, SUSPENSION_REASONS, TEAM_ROLES } from './codes';
import { registerCartellaApi } from './api';
import { registerCartellaPages } from './pages';
import { cartellaPermissions as cartellaBasePermissions } from './permissions';
import { registerShareApi } from './share-api';
import { registerSharePages } from './share-pages';
import { sharePermissions } from './share-permissions';
import { ownerSharesSlot, sharedBannerSlot, sharedPartsSlot } from './share-slots';
import { cartellaSharingService } from './share-service';
import { CoreServices } from '../../sdk/services';

export const cartellaPermissions = [...cartellaBasePermissions, ...sharePermissions];

/** The cartella sociale: taking in charge, states, team and diary; pages and API. Areas are core.areas (home). */
export function registerCartella(p: PluginRegistrar): void {
  for (const list of [CLOSING_REASONS, SUSPENSION_REASONS, NOTE_TYPES, CONFIDENTIALITY_LEVELS, TEAM_ROLES]) p.contribute(CodeLists, list);
  // A merge of two registrations of one person takes their cartelle along (refused while both have one open at one owner).
  p.contribute(PersonReferences, { id: 'core.cartella', table: 'core.cartella', column: 'person_id', key: 'id' });
  p.contribute(MenuItems, {
    id: 'core.cartelle',
    menu: 'main',
    labelKey: 'core:cartella.menu',
    route: 'core.cartelle',
    position: 104,
    icon: 'it-folder',
  });
  // Sharing: what a partner sees of a cartella shared with it, and the owner's shares.
  p.contribute(MenuItems, {
    id: 'core.cartelle.shared',
    menu: 'main',
    labelKey: 'core:sharing.menu',
    route: 'core.cartelle.shared',
    position: 105,
    icon: 'it-share',
  });
  for (const slot of [sharedBannerSlot, sharedPartsSlot, ownerSharesSlot]) p.contribute(PageSlots, slot);
  // Plugins share through core's rules: an integrated assessment (UVMD) opens a cartella to the health partner.
  p.container.register(CoreServices.cartellaSharing, { useValue: cartellaSharingService });
  p.routes((r) => {
    // Fixed paths (`/cartelle/new`, `/cartelle/shared`) before the `:id` ones.
    registerSharePages(r);
    registerShareApi(r);
    registerCartellaPages(r);
    registerCartellaApi(r);
  });
}
