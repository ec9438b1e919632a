// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PluginRegistrar } from '../../sdk/plugin';
import { MenuItems, PageSlots } from '../../sdk/extension-points/ui';
import { EventListeners } from '../../sdk/extension-points/events';
import { ScheduledJobs } from '../../sdk/extension-points/jobs';
import { AlertRules } from '../../sdk/extension-points/alerts';
import { AlertService } from './alerts';
import { alertApi } from './api';
import { cartellaAlertsSlot } from './cartella-slot';
import { evaluateOnEvents } from './events';
import { evaluateAlertsJob } from './evaluate';
import { alertPages } from './pages';
import { presentAlert } from './present';
import { CORE_ALERT_RULES } from './rules';

export { alertPermissions } from './permissions';

const service = new AlertService();

/**
 * Alerts: core's rules, the nightly evaluation and the one after domain events, the alerts page and
 * API, the panel on the home page and the list on the cartella's page.
 */
export function registerAlerts(p: PluginRegistrar): void {
  const alerts = () => service;
  for (const rule of CORE_ALERT_RULES) p.contribute(AlertRules, rule);
  p.contribute(ScheduledJobs, evaluateAlertsJob(alerts));
  for (const listener of evaluateOnEvents(p.container)) p.contribute(EventListeners, listener);
  p.contribute(PageSlots, cartellaAlertsSlot(alerts));
  p.contribute(MenuItems, {
    id: 'core.alerts',
    menu: 'main',
    labelKey: 'core:menu.alerts',
    route: 'core.alerts',
    position: 20,
    icon: 'it-warning-circle',
    permission: 'core.alerts.view',
  });
  p.contribute(PageSlots, {
    id: 'core.alerts.home',
    zone: 'home.main',
    template: 'core:alerts/panel',
    position: 10,
    permission: 'core.alerts.view',
    async load(ctx) {
      const list = await service.list(ctx.em, { status: 'open', limit: 5 });
      await ctx.audit({ action: 'alert.list', entity: 'alert', details: { status: 'open', results: list.length, where: 'home' } });
      return { alerts: list.map((a) => presentAlert(ctx, a)) };
    },
  });
  p.routes((r) => {
    alertPages(r, alerts);
    alertApi(r, alerts);
  });
}
