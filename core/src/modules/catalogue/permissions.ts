// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PermissionDeclaration } from '../../sdk/manifest';

/** Who may do what with the catalogue, ISEE, disability records and eligibility; the matrix is data, so an administrator may change it. */
export const cataloguePermissions: PermissionDeclaration[] = [
  {
    id: 'core.catalogue.view',
    description: { it: 'Consultare il catalogo dei servizi', en: 'Browse the service catalogue' },
    defaultRoles: ['anonymous', 'operator'],
  },
  {
    id: 'core.catalogue.offer',
    description: {
      it: "Modificare l'offerta dell'ente: costo unitario, budget, capienza, requisiti",
      en: "Edit the organization's offer: unit cost, budget, capacity, requirements",
    },
    defaultRoles: ['org-admin', 'service-manager'],
  },
  {
    id: 'core.isee.view',
    description: { it: 'Consultare le attestazioni ISEE delle persone', en: "Read people's ISEE attestations" },
    defaultRoles: ['service-manager', 'social-worker', 'access-point-operator', 'clerk'],
  },
  {
    id: 'core.isee.edit',
    description: { it: 'Registrare e richiedere a INPS le attestazioni ISEE', en: 'Record ISEE attestations and fetch them from INPS' },
    defaultRoles: ['service-manager', 'social-worker', 'access-point-operator', 'clerk'],
  },
  {
    id: 'core.disability.view',
    description: { it: 'Consultare le certificazioni di invalidità e handicap', en: 'Read invalidity and handicap certifications' },
    defaultRoles: ['service-manager', 'social-worker', 'access-point-operator'],
  },
  {
    id: 'core.disability.edit',
    description: { it: 'Registrare le certificazioni di invalidità e handicap', en: 'Record invalidity and handicap certifications' },
    defaultRoles: ['service-manager', 'social-worker', 'access-point-operator'],
  },
  {
    id: 'core.eligibility.check',
    description: {
      it: 'Verificare i requisiti di una persona per un servizio',
      en: "Check a person's requirements for a service",
    },
    // Its reasons quote the ISEE and the certifications: only roles that read both, by default.
    defaultRoles: ['service-manager', 'social-worker', 'access-point-operator'],
  },
];
