// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PermissionDeclaration } from '../../sdk/manifest';

/**
 * Who reads, adds and withdraws a cartella's documents; the matrix is data, so an administrator may change
 * it. A clerk holds none by default: documents are relazioni, court orders and health certificates, the
 * diary's kind of content, which a clerk does not read either; a clerk who uploads ISEE attestations at the
 * desk can be granted `core.documents.upload` and `core.documents.view` by the administrator.
 */
export const documentPermissions: PermissionDeclaration[] = [
  {
    id: 'core.documents.view',
    description: {
      it: 'Consultare e scaricare i documenti delle cartelle (quelli riservati all’équipe solo se se ne fa parte)',
      en: "Read and download the cartelle's documents (team-only ones only as a member of the team)",
    },
    // A health operator reads only the documents of cartelle shared with their ASL, marked for partners.
    defaultRoles: ['social-worker', 'service-manager', 'educator', 'health-operator'],
  },
  {
    id: 'core.documents.upload',
    description: {
      it: 'Caricare documenti nelle cartelle aperte',
      en: 'Upload documents to open cartelle',
    },
    defaultRoles: ['social-worker', 'service-manager', 'educator'],
  },
  {
    id: 'core.documents.withdraw',
    description: {
      it: 'Ritirare un documento da una cartella, indicandone il motivo',
      en: 'Withdraw a document from a cartella, giving the reason',
    },
    defaultRoles: ['social-worker', 'service-manager'],
  },
];
