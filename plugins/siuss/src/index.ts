// SPDX-License-Identifier: AGPL-3.0-or-later
import { DemoData, MenuItems, definePlugin, z } from '@sigess/core/sdk';
import { SIUSS_MIGRATIONS } from './migrations';
import { SIUSS_DEMO } from './demo';
import { bootWaas, registerWaas, shutdownWaas, waasSettings } from './waas';
import { registerForms } from './forms';
import { registerJobs } from './jobs';
import { registerExports } from './exports';
import { PERMISSIONS, registerMonitoringRoutes } from './monitoring/routes';

/** Whether this installation publishes flussi for the WaaS e-service; set from the settings at boot. */
let waasEnabled = false;

/**
 * SIUSS, the national information system of social services (D.Lgs. 147/2017 art. 24): the PS/PSA/SINA and
 * SINBA records every comune owes INPS, built from what operators already record in the cartella. Region-neutral
 * and active everywhere (`activation: instance`); the comune is the organization with a Belfiore code.
 */
export default definePlugin({
  id: 'siuss',
  migrations: SIUSS_MIGRATIONS,
  settings: z.object({ waas: waasSettings }),
  register(p) {
    registerForms(p);
    registerJobs(p, () => waasEnabled);
    p.contribute(MenuItems, {
      id: 'siuss.monitoring',
      menu: 'main',
      labelKey: 'siuss:monitoring.menu',
      route: 'siuss.monitoring',
      permission: PERMISSIONS.view,
      position: 140,
      icon: 'it-upload',
    });
    p.routes((r) => registerMonitoringRoutes(r));
    registerExports(p);
    registerWaas(p);
    p.contribute(DemoData, SIUSS_DEMO);
  },
  async boot(p) {
    waasEnabled = p.settings.waas.enabled;
    await bootWaas(p);
  },
  async shutdown(p) {
    await shutdownWaas(p);
  },
});
