// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PermissionDeclaration } from '../../sdk/manifest';

/** Who may do what with interventions and their deliveries; the matrix is data, so an administrator may change it. */
export const interventionPermissions: PermissionDeclaration[] = [
  {
    id: 'core.interventions.view',
    description: {
      it: 'Consultare gli interventi, le liste d’attesa e le erogazioni',
      en: 'Read interventions, waiting lists and deliveries',
    },
    defaultRoles: ['social-worker', 'service-manager', 'educator', 'clerk'],
  },
  {
    id: 'core.interventions.request',
    description: {
      it: 'Richiedere interventi per le persone in carico, metterli in istruttoria, sospenderli e concluderli',
      en: 'Request interventions for people in charge; assess, suspend and conclude them',
    },
    defaultRoles: ['social-worker', 'service-manager'],
  },
  {
    id: 'core.interventions.decide',
    description: {
      it: 'Approvare o respingere gli interventi (con atto), attivarli dalla lista d’attesa',
      en: 'Approve or reject interventions (with an act), activate them from the waiting list',
    },
    defaultRoles: ['service-manager'],
  },
  {
    id: 'core.interventions.deliver',
    description: { it: 'Registrare le erogazioni degli interventi attivi', en: 'Record deliveries of active interventions' },
    defaultRoles: ['clerk', 'service-manager', 'social-worker'],
  },
];
