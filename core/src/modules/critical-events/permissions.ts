// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PermissionDeclaration } from '../../sdk/manifest';

/** Who reads and who records critical events; the matrix is data, so an administrator may change it. */
export const criticalEventPermissions: PermissionDeclaration[] = [
  {
    id: 'core.critical-events.view',
    description: {
      it: 'Consultare gli eventi critici di una persona (sfratto, perdita del lavoro, violenza…)',
      en: "Read a person's critical events (eviction, loss of job, violence…)",
    },
    defaultRoles: ['social-worker', 'service-manager', 'educator', 'access-point-operator'],
  },
  {
    id: 'core.critical-events.record',
    description: {
      it: 'Registrare un evento critico di una persona, o ritirarne uno registrato per errore',
      en: 'Record a critical event about a person, or withdraw one recorded by mistake',
    },
    defaultRoles: ['social-worker', 'service-manager', 'access-point-operator'],
  },
];
