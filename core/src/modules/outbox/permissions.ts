// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PermissionDeclaration } from '../../sdk/manifest';

export const OUTBOX = {
  view: 'core.outbox.view',
  retry: 'core.outbox.retry',
} as const;

export const outboxPermissions: PermissionDeclaration[] = [
  {
    id: OUTBOX.view,
    description: {
      it: 'Vedere i messaggi verso altri sistemi (in attesa, consegnati, non consegnati)',
      en: 'See the messages to other systems (pending, delivered, failed)',
    },
    defaultRoles: ['system-admin', 'org-admin'],
  },
  {
    id: OUTBOX.retry,
    description: {
      it: 'Ritentare subito la consegna di un messaggio verso altri sistemi',
      en: 'Retry delivering a message to another system now',
    },
    defaultRoles: ['system-admin', 'org-admin'],
  },
];
