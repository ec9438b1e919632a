// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PermissionDeclaration } from '../../sdk/manifest';

export const alertPermissions: PermissionDeclaration[] = [
  {
    id: 'core.alerts.view',
    description: { it: 'Vedere le segnalazioni (bisogni latenti, situazioni di disagio)', en: 'See alerts (latent needs, distress)' },
    defaultRoles: ['social-worker', 'service-manager', 'educator', 'access-point-operator'],
  },
  {
    id: 'core.alerts.acknowledge',
    description: { it: 'Prendere atto di una segnalazione, con una nota', en: 'Acknowledge an alert, with a note' },
    defaultRoles: ['social-worker', 'service-manager'],
  },
  {
    id: 'core.alerts.evaluate',
    description: { it: 'Ricalcolare subito le segnalazioni', en: 'Re-evaluate the alerts now' },
    defaultRoles: ['service-manager', 'org-admin'],
  },
];
