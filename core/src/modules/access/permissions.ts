// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PermissionDeclaration } from '../../sdk/manifest';

/** Who may record and read the contacts of an access point; the matrix is data, so an administrator may change it. */
export const accessPermissions: PermissionDeclaration[] = [
  {
    id: 'core.access.record',
    description: {
      it: 'Registrare i contatti allo sportello (PUA, segretariato sociale) e seguirne gli invii',
      en: 'Record contacts at the desk (PUA, segretariato sociale) and follow up their referrals',
    },
    defaultRoles: ['access-point-operator', 'social-worker', 'service-manager'],
  },
  {
    id: 'core.access.view',
    description: {
      it: 'Consultare il registro dei contatti di uno sportello',
      en: "Read a desk's contact register",
    },
    defaultRoles: ['access-point-operator', 'social-worker', 'service-manager'],
  },
];
