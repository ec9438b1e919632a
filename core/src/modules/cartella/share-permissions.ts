// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PermissionDeclaration } from '../../sdk/manifest';

/**
 * Sharing a cartella with another organization is the owner's decision about the person's data: for those who
 * answer for the cartella. Reading what is shared with one's organization needs only `core.cartella.view`.
 */
export const sharePermissions: PermissionDeclaration[] = [
  {
    id: 'core.cartella.share',
    description: {
      it: "Condividere una cartella, o parti di essa, con un'altra organizzazione (es. l'ASL per la UVMD) e revocare la condivisione",
      en: 'Share a cartella, or parts of it, with another organization (e.g. the ASL for an integrated assessment) and revoke it',
    },
    defaultRoles: ['social-worker', 'service-manager'],
  },
];
