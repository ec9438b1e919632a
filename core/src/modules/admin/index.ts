// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PluginRegistrar } from '../../sdk/plugin';
import { MenuItems } from '../../sdk/extension-points/ui';
import { CoreTokens } from '../../tokens';
import type { AdminServices } from './services';
import { registerAdminApi } from './api';
import { registerOperatorPages } from './operator-pages';
import { registerOrganizationPages } from './organization-pages';
import { registerRolePages } from './role-pages';
import { registerThemeRoutes } from './theme-routes';
import { registerStructurePages } from './structure-pages';

export { adminPermissions } from './permissions';
export type { AdminServices } from './services';

/**
 * The administration: the organization tree and its plugins, operators and
 * their memberships, roles and the permission matrix; pages and API, each
 * within the reach of who administers (the subtree they act in, or the whole installation).
 */
export function registerAdmin(p: PluginRegistrar): void {
  // Resolved per request: the platform registers its services once it runs, after registration.
  const services = (): AdminServices => p.container.resolve(CoreTokens.Administration);
  const menu = [
    { id: 'core.admin.organizations', labelKey: 'core:admin.menu.organizations', route: 'core.admin.organizations', icon: 'it-pa' },
    { id: 'core.admin.operators', labelKey: 'core:admin.menu.operators', route: 'core.admin.operators', icon: 'it-user' },
    { id: 'core.admin.roles', labelKey: 'core:admin.menu.roles', route: 'core.admin.roles.matrix', icon: 'it-key' },
  ];
  menu.forEach((item, i) => p.contribute(MenuItems, { ...item, menu: 'main', position: 800 + i * 10 }));
  p.routes((r) => {
    registerOrganizationPages(r, services);
    registerThemeRoutes(r, services);
    registerStructurePages(r, services);
    // Fixed paths (`/admin/operators/new`) before `/admin/operators/:id`, which would otherwise take them.
    registerOperatorPages(r, services);
    registerRolePages(r, services);
    registerAdminApi(r, services);
  });
}
