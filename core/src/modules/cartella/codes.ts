// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CodeList } from '../../sdk/extension-points/code-lists';

/**
 * The code lists of the cartella. Areas are core's `core.areas` (catalogue/areas.ts). Lists that only
 * classify (reasons, note types, team roles) may be replaced by a regional plugin under the same id;
 * confidentiality levels drive who reads a note, so their codes are fixed (the database checks them) and
 * a plugin may only relabel them.
 */

export const CLOSING_REASONS: CodeList = {
  id: 'core.cartella-closing-reasons',
  version: 1,
  entries: [
    { code: 'obiettivi-raggiunti', label: { it: 'Obiettivi raggiunti', en: 'Goals achieved' } },
    { code: 'presa-in-carico-altro-servizio', label: { it: 'Presa in carico da un altro servizio', en: 'Taken over by another service' } },
    { code: 'trasferimento', label: { it: 'Trasferimento in un altro comune', en: 'Moved to another comune' } },
    { code: 'rinuncia', label: { it: "Rinuncia dell'interessato", en: 'Withdrawn by the person' } },
    { code: 'irreperibile', label: { it: 'Persona irreperibile', en: 'Person not traceable' } },
    { code: 'decesso', label: { it: 'Decesso', en: 'Death' } },
    { code: 'errore', label: { it: 'Aperta per errore', en: 'Opened by mistake' } },
    { code: 'altro', label: { it: 'Altro', en: 'Other' } },
  ],
};

export const SUSPENSION_REASONS: CodeList = {
  id: 'core.cartella-suspension-reasons',
  version: 1,
  entries: [
    { code: 'ricovero', label: { it: 'Ricovero ospedaliero o in struttura', en: 'Stay in hospital or a care home' } },
    { code: 'assenza-temporanea', label: { it: 'Assenza temporanea dal territorio', en: 'Temporarily away' } },
    { code: 'mancata-adesione', label: { it: 'Mancata adesione al progetto', en: 'Not engaging with the plan' } },
    { code: 'detenzione', label: { it: 'Detenzione', en: 'Detention' } },
    { code: 'altro', label: { it: 'Altro', en: 'Other' } },
  ],
};

export const NOTE_TYPES: CodeList = {
  id: 'core.diary-note-types',
  version: 1,
  entries: [
    { code: 'colloquio', label: { it: 'Colloquio', en: 'Interview' } },
    { code: 'visita-domiciliare', label: { it: 'Visita domiciliare', en: 'Home visit' } },
    { code: 'contatto-telefonico', label: { it: 'Contatto telefonico', en: 'Phone call' } },
    { code: 'riunione-equipe', label: { it: "Riunione d'équipe", en: 'Team meeting' } },
    { code: 'contatto-servizi', label: { it: 'Contatto con altri servizi', en: 'Contact with other services' } },
    { code: 'relazione', label: { it: 'Relazione sociale', en: 'Social report' } },
    { code: 'nota', label: { it: 'Nota', en: 'Note' } },
  ],
};

export const CONFIDENTIALITY_CODES = ['team', 'organization', 'partners'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY_CODES)[number];

/**
 * Who reads a diary note: only the cartella's responsible and team; anyone of the owning organization
 * who may read diaries; and, once a cartella is shared with a partner (a later slice), the partner too.
 */
export const CONFIDENTIALITY_LEVELS: CodeList = {
  id: 'core.diary-confidentiality',
  version: 1,
  entries: [
    { code: 'team', label: { it: "Solo l'équipe della cartella", en: "The cartella's team only" } },
    { code: 'organization', label: { it: "Tutto l'ente", en: 'The whole organization' } },
    { code: 'partners', label: { it: "L'ente e i partner con cui è condivisa", en: 'The organization and partners it is shared with' } },
  ],
};

export const TEAM_ROLES: CodeList = {
  id: 'core.cartella-team-roles',
  version: 1,
  entries: [
    { code: 'assistente-sociale', label: { it: 'Assistente sociale', en: 'Social worker' } },
    { code: 'educatore', label: { it: 'Educatore', en: 'Educator' } },
    { code: 'psicologo', label: { it: 'Psicologo', en: 'Psychologist' } },
    { code: 'operatore-sanitario', label: { it: 'Operatore sanitario', en: 'Health worker' } },
    { code: 'amministrativo', label: { it: 'Amministrativo', en: 'Administrative staff' } },
    { code: 'mediatore', label: { it: 'Mediatore culturale', en: 'Cultural mediator' } },
    { code: 'altro', label: { it: 'Altro', en: 'Other' } },
  ],
};
