// SPDX-License-Identifier: AGPL-3.0-or-later
import { CatalogueEntries, CodeLists, Forms, MenuItems, PageSlots, definePlugin, z } from '@sigess/core/sdk';
import { HELPERS, MINI_ADL } from './mini-adl';

/**
 * A minimal plugin: every contribution is declared in register(), which is
 * synchronous; anything that needs I/O belongs in boot().
 */
export default definePlugin({
  id: 'hello',
  // Instance settings, validated at start-up: a wrong type stops the server with a clear message.
  settings: z.object({
    greetingName: z.string().min(1).default('SIGeSS'),
  }),
  register(p) {
    // An assessment form is data: the core's forms engine does the rest (docs/extension-points/forms.md).
    p.contribute(CodeLists, HELPERS);
    p.contribute(Forms, MINI_ADL);
    p.routes((r) => {
      r.get('index', '/', { permission: 'hello.view' }, (ctx) => ({
        view: 'hello:pages/index',
        model: {
          title: ctx.t('hello:page.title'),
          greeting: ctx.t('hello:page.greeting', { name: ctx.settings<{ greetingName: string }>().greetingName }),
          organization: ctx.org?.name ?? null,
        },
      }));
    });
    p.contribute(MenuItems, {
      id: 'hello.index',
      menu: 'main',
      labelKey: 'hello:menu.label',
      route: 'hello.index',
      position: 90,
      icon: 'it-star-outline',
    });
    p.contribute(PageSlots, {
      id: 'hello.welcome',
      zone: 'home.main',
      template: 'hello:slots/welcome',
      permission: 'hello.view',
      load: (ctx) => ({ link: '/p/hello', organization: ctx.org?.name ?? null }),
    });
    // A regional measure would look like this: its codes, its unit, and requirements naming core's rules
    // (an organization's offer may replace them with its own).
    p.contribute(CatalogueEntries, {
      code: 'hello.welcome-visit',
      nameKey: 'hello:catalogue.welcomeVisit.name',
      descriptionKey: 'hello:catalogue.welcomeVisit.description',
      area: 'anziani',
      macroArea: 'interventi-servizi',
      unit: 'accesses',
      inpsCode: 'A2.07',
      requirements: [{ rule: 'core.age-range', params: { min: 65 } }, { rule: 'core.residence' }],
    });
  },
});
