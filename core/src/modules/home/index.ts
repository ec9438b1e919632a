// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PluginRegistrar } from '../../sdk/plugin';
import type { PermissionDeclaration } from '../../sdk/manifest';
import type { RequestCtx } from '../../sdk/context';
import { MenuItems } from '../../sdk/extension-points/ui';
import { CatalogueEntries } from '../../sdk/extension-points/catalogue';
import { CodeLists } from '../../sdk/extension-points/code-lists';
import { AREAS } from './areas';

export const homePermissions: PermissionDeclaration[] = [
  {
    id: 'core.home.view',
    description: { it: 'Vedere la pagina iniziale', en: 'See the home page' },
    defaultRoles: ['anonymous', 'operator'],
  },
  {
    id: 'core.catalogue.view',
    description: { it: 'Consultare il catalogo dei servizi', en: 'Browse the service catalogue' },
    defaultRoles: ['anonymous', 'operator'],
  },
];

/** The catalogue as the organization sees it: core's entries and its active plugins'. */
function catalogue(ctx: RequestCtx) {
  const areas = ctx.extensions.get(CodeLists, AREAS.id) ?? AREAS;
  return ctx.extensions.keyed(CatalogueEntries).map((entry) => ({
    code: entry.code,
    name: ctx.t(entry.nameKey),
    description: entry.descriptionKey ? ctx.t(entry.descriptionKey) : null,
    area: entry.area,
    areaLabel: areas.entries.find((a) => a.code === entry.area)?.label[ctx.locale] ?? entry.area,
    nationalCode: entry.nationalCode ?? null,
    validFrom: entry.validFrom ?? null,
    validTo: entry.validTo ?? null,
  }));
}

/** The home page and the service catalogue (page and API): core's own contributions. */
export function registerHome(p: PluginRegistrar): void {
  p.contribute(CodeLists, AREAS);
  p.contribute(MenuItems, { id: 'core.home', menu: 'main', labelKey: 'core:menu.home', route: 'core.home', position: 0, icon: 'it-pa' });
  p.contribute(MenuItems, {
    id: 'core.catalogue',
    menu: 'main',
    labelKey: 'core:menu.catalogue',
    route: 'core.catalogue',
    position: 50,
    icon: 'it-list',
    permission: 'core.catalogue.view',
  });
  p.routes((r) => {
    r.get('home', '/', { permission: 'core.home.view' }, (ctx) => ({
      view: 'core:home',
      model: { title: ctx.t('core:home.title'), org: ctx.org },
    }));
    r.get('catalogue', '/catalogue', { permission: 'core.catalogue.view' }, (ctx) => ({
      view: 'core:catalogue/index',
      model: { title: ctx.t('core:catalogue.title'), entries: catalogue(ctx) },
    }));
    r.get('api.catalogue', '/api/v1/catalogue', { permission: 'core.catalogue.view' }, (ctx) => ({
      json: { items: catalogue(ctx) },
    }));
  });
}
