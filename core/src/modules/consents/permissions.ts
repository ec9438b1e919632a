// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PermissionDeclaration } from '../../sdk/manifest';

/** Who reads and who records information notices and consents; the matrix is data, so an administrator may change it. */
export const consentPermissions: PermissionDeclaration[] = [
  {
    id: 'core.consents.view',
    description: {
      it: 'Consultare informative e consensi privacy delle persone in carico',
      en: 'Read the information notices and consents of the people in charge',
    },
    defaultRoles: ['social-worker', 'service-manager', 'educator', 'clerk'],
  },
  {
    id: 'core.consents.manage',
    description: {
      it: 'Registrare informative consegnate e consensi raccolti, e le revoche dei consensi',
      en: 'Record information notices given, consents collected and their withdrawal',
    },
    defaultRoles: ['social-worker', 'service-manager', 'clerk'],
  },
];
