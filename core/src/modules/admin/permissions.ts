// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PermissionDeclaration } from '../../sdk/manifest';

/** The administration's permissions, by what they allow. */
export const ADMIN = {
  organizations: 'core.admin.organizations',
  operators: 'core.admin.operators',
  roles: 'core.admin.roles',
  rolesView: 'core.admin.roles.view',
  installation: 'core.admin.installation',
} as const;

/** The role every installation's top administrators hold; only they may grant it. */
export const SYSTEM_ADMIN_ROLE = 'system-admin';

/**
 * Permissions that would leave an installation nobody can administer if no
 * active operator held them any longer: the matrix and the accounts refuse
 * changes that would do so.
 */
export const GUARDED_PERMISSIONS: readonly string[] = [ADMIN.roles, ADMIN.installation, ADMIN.operators, ADMIN.organizations];

/**
 * Whoever holds them administers everything: a role holding one is granted
 * only by someone acting on the whole installation.
 */
export const RESERVED_PERMISSIONS: readonly string[] = [ADMIN.roles, ADMIN.installation];

/** Who may administer what; the matrix is data, so a system administrator may change it (within the guards above). */
export const adminPermissions: PermissionDeclaration[] = [
  {
    id: ADMIN.organizations,
    description: {
      it: 'Amministrare gli enti: struttura, nomi e moduli attivi',
      en: 'Administer organizations: the tree, names and active plugins',
    },
    defaultRoles: ['system-admin', 'org-admin'],
  },
  {
    id: ADMIN.operators,
    description: {
      it: 'Amministrare gli operatori e i loro incarichi',
      en: 'Administer operators and their memberships',
    },
    defaultRoles: ['system-admin', 'org-admin'],
  },
  {
    id: ADMIN.roles,
    description: {
      it: 'Creare ruoli e modificare la matrice dei permessi',
      en: 'Create roles and change the permission matrix',
    },
    defaultRoles: ['system-admin'],
  },
  {
    id: ADMIN.rolesView,
    description: {
      it: 'Consultare i ruoli e la matrice dei permessi',
      en: 'See the roles and the permission matrix',
    },
    // The data protection officer checks who may do what (GDPR art. 39).
    defaultRoles: ['system-admin', 'org-admin', 'privacy-officer'],
  },
  {
    id: ADMIN.installation,
    description: {
      it: "Amministrare l'intera piattaforma: ogni ente e ogni operatore, e i ruoli riservati",
      en: 'Administer the whole installation: every organization and operator, and the reserved roles',
    },
    defaultRoles: ['system-admin'],
  },
];
