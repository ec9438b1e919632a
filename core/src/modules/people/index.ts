// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PluginRegistrar } from '../../sdk/plugin';
import { CodeLists } from '../../sdk/extension-points/code-lists';
import { MenuItems } from '../../sdk/extension-points/ui';
import { PersonReferences } from '../../sdk/extension-points/people';
import { HOUSEHOLD_KINDS, HOUSEHOLD_RELATIONS } from './codes';
import { registerPeopleApi } from './api';
import { registerPeoplePages } from './pages';
import { registerPeopleImport } from './import';

export { peoplePermissions } from './permissions';
export { peopleEntities } from './entities';

/** The person registry (anagrafica): people, households, duplicates and merges, sharing; pages and API. */
export function registerPeople(p: PluginRegistrar): void {
  p.contribute(CodeLists, HOUSEHOLD_RELATIONS);
  p.contribute(CodeLists, HOUSEHOLD_KINDS);
  // Core's own rows that point at people move with a merge like any plugin's.
  p.contribute(PersonReferences, { id: 'core.household-member', table: 'core.household_member', column: 'person_id', key: 'id' });
  p.contribute(MenuItems, {
    id: 'core.people',
    menu: 'main',
    labelKey: 'core:menu.people',
    route: 'core.people',
    position: 100,
    icon: 'it-user',
  });
  p.contribute(MenuItems, {
    id: 'core.people.duplicates',
    menu: 'main',
    labelKey: 'core:menu.duplicates',
    route: 'core.people.duplicates',
    position: 110,
    icon: 'it-copy',
  });
  p.contribute(MenuItems, {
    id: 'core.people.merges',
    menu: 'main',
    labelKey: 'core:menu.merges',
    route: 'core.people.merges',
    position: 120,
    icon: 'it-restore',
  });
  p.routes((r) => {
    // Fixed paths before `/people/:id`, which would otherwise take them.
    registerPeopleImport(r);
    registerPeoplePages(r);
    registerPeopleApi(r);
  });
}
