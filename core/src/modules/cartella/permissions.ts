// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PermissionDeclaration } from '../../sdk/manifest';

/**
 * Who may do what with cartelle; the matrix is data, so an administrator may change it. Reading the
 * diary is `core.cartella.diary`: a clerk (`core.cartella.view` only) sees the cartella's administrative
 * parts (person, household, state and history, team) and none of its notes.
 */
export const cartellaPermissions: PermissionDeclaration[] = [
  {
    id: 'core.cartella.view',
    description: {
      it: 'Consultare le cartelle sociali: persona, nucleo, stato e storia, équipe',
      en: 'Read cartelle: person, household, state and history, team',
    },
    // A health operator's organization owns no cartelle: it reads those shared with it, and only what is shared.
    defaultRoles: ['social-worker', 'service-manager', 'educator', 'clerk', 'health-operator'],
  },
  {
    id: 'core.cartella.manage',
    description: {
      it: "Prendere in carico, sospendere, chiudere e riaprire le cartelle, comporne l'équipe",
      en: 'Take people in charge; suspend, close and reopen cartelle; make up their team',
    },
    defaultRoles: ['social-worker', 'service-manager'],
  },
  {
    id: 'core.cartella.diary',
    description: {
      it: 'Leggere e scrivere il diario delle cartelle (le note riservate all’équipe solo se se ne fa parte)',
      en: "Read and write the cartelle's diary (team-only notes only as a member of the team)",
    },
    defaultRoles: ['social-worker', 'educator', 'service-manager'],
  },
];
