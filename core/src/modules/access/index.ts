// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PluginRegistrar } from '../../sdk/plugin';
import { CodeLists } from '../../sdk/extension-points/code-lists';
import { MenuItems } from '../../sdk/extension-points/ui';
import { PersonReferences } from '../../sdk/extension-points/people';
import { CHANNELS, INTERLOCUTORS, NEED_CATEGORIES, OUTCOMES, REFERRAL_STATES } from './codes';
import { registerAccessApi } from './api';
import { registerAccessPages } from './pages';

export { accessPermissions } from './permissions';

/** The access point (PUA, segretariato sociale): contacts, referrals and a desk's register; pages and API. */
export function registerAccess(p: PluginRegistrar): void {
  for (const list of [CHANNELS, INTERLOCUTORS, NEED_CATEGORIES, OUTCOMES, REFERRAL_STATES]) p.contribute(CodeLists, list);
  // A merge of two registrations of one person takes their contacts along.
  p.contribute(PersonReferences, { id: 'core.access-contact', table: 'core.access_contact', column: 'person_id', key: 'id' });
  p.contribute(MenuItems, {
    id: 'core.access',
    menu: 'main',
    labelKey: 'core:access.menu',
    route: 'core.access',
    position: 102,
    icon: 'it-inbox',
  });
  p.routes((r) => {
    // Fixed paths (`/access/new`, `/api/v1/access-contacts/register`) before the `:id` ones.
    registerAccessPages(r);
    registerAccessApi(r);
  });
}
