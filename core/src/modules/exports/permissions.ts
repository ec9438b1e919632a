// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PermissionDeclaration } from '../../sdk/manifest';

export const EXPORTS = {
  use: 'core.exports.use',
} as const;

export const exportPermissions: PermissionDeclaration[] = [
  {
    id: EXPORTS.use,
    description: {
      it: 'Aprire la pagina Esportazioni (ogni flusso chiede anche il proprio permesso)',
      en: 'Open the Exports page (each flow also asks for its own permission)',
    },
    // Every signed-in role: what one may export is decided by each flow's own permission.
    defaultRoles: ['operator'],
  },
];
