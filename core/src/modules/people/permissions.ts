// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PermissionDeclaration } from '../../sdk/manifest';

/** Who may do what with the person registry; the matrix is data, so an administrator may change it. */
export const peoplePermissions: PermissionDeclaration[] = [
  {
    id: 'core.people.view',
    description: { it: 'Cercare e consultare le persone e i nuclei familiari', en: 'Search and read people and households' },
    defaultRoles: ['service-manager', 'social-worker', 'educator', 'access-point-operator', 'clerk', 'health-operator'],
  },
  {
    id: 'core.people.edit',
    description: { it: 'Registrare e modificare persone e nuclei familiari', en: 'Register and edit people and households' },
    defaultRoles: ['service-manager', 'social-worker', 'access-point-operator', 'clerk'],
  },
  {
    id: 'core.people.import',
    description: {
      it: 'Importare persone da un file, dopo il controllo dei duplicati',
      en: 'Import people from a file, after the duplicate check',
    },
    defaultRoles: ['access-point-operator', 'social-worker', 'clerk', 'service-manager', 'org-admin'],
  },
  {
    id: 'core.people.share',
    description: { it: 'Condividere la scheda di una persona con un altro ente', en: "Share a person's record with another organization" },
    defaultRoles: ['service-manager', 'social-worker'],
  },
  {
    id: 'core.people.merge',
    description: { it: 'Esaminare i possibili duplicati e unirli', en: 'Review suspected duplicates and merge them' },
    defaultRoles: ['service-manager'],
  },
  {
    id: 'core.people.merge-undo',
    description: { it: "Annullare un'unione di persone", en: 'Undo a merge of people' },
    defaultRoles: ['system-admin', 'org-admin'],
  },
];
