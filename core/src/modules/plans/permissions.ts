// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PermissionDeclaration } from '../../sdk/manifest';

/** Who reads and who writes individual plans; the matrix is data, so an administrator may change it. */
export const planPermissions: PermissionDeclaration[] = [
  {
    id: 'core.plans.view',
    description: {
      it: 'Consultare i progetti individualizzati (PAI) delle cartelle: obiettivi, verifiche',
      en: "Read the cartelle's individual plans (PAI): goals, reviews",
    },
    defaultRoles: ['social-worker', 'service-manager', 'educator', 'clerk'],
  },
  {
    id: 'core.plans.edit',
    description: {
      it: 'Redigere, attivare, verificare e chiudere i progetti individualizzati',
      en: 'Draft, activate, review and close individual plans',
    },
    defaultRoles: ['social-worker', 'service-manager'],
  },
];
