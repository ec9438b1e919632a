// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PluginRegistrar } from '../../sdk/plugin';
import type { PermissionDeclaration } from '../../sdk/manifest';
import { MenuItems } from '../../sdk/extension-points/ui';

export const homePermissions: PermissionDeclaration[] = [
  {
    id: 'core.home.view',
    description: { it: 'Vedere la pagina iniziale', en: 'See the home page' },
    defaultRoles: ['anonymous', 'operator'],
  },
];

/** The home page: core's own contribution (the service catalogue lives in modules/catalogue). */
export function registerHome(p: PluginRegistrar): void {
  p.contribute(MenuItems, { id: 'core.home', menu: 'main', labelKey: 'core:menu.home', route: 'core.home', position: 0, icon: 'it-pa' });
  p.routes((r) => {
    r.get('home', '/', { permission: 'core.home.view' }, (ctx) => ({
      view: 'core:home',
      model: { title: ctx.t('core:home.title'), org: ctx.org },
    }));
  });
}
