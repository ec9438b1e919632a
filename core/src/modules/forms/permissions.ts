// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PermissionDeclaration } from '../../sdk/manifest';

/**
 * Who may read and fill in assessments. These gate the pages and the API; each form adds its own
 * `permissions.view` and `permissions.submit` on top (core's forms use these two), so a plugin may keep a
 * clinical scale to the roles that should see it.
 */
export const formsPermissions: PermissionDeclaration[] = [
  {
    id: 'core.assessments.view',
    description: { it: 'Consultare le valutazioni e le schede compilate', en: 'Read assessments and filled-in forms' },
    defaultRoles: ['social-worker', 'service-manager', 'educator', 'health-operator'],
  },
  {
    id: 'core.assessments.edit',
    description: { it: 'Compilare valutazioni e schede', en: 'Fill in assessments and forms' },
    defaultRoles: ['social-worker', 'educator', 'service-manager'],
  },
];
