// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import { blankToUndefined, optionalDate, optionalText } from '../../sdk/input';
import { CONFIDENTIALITY_CODES } from './codes';
import { CARTELLA_STATES, TRANSITIONS, TRANSITION_RULES } from './states';

/**
 * The cartella's inputs: one schema each for the forms, the API and the OpenAPI document. Codes are
 * checked against the organization's code lists by the actions, since a plugin may bring a richer list.
 */

const code = z.string().trim().min(1).max(60);
const optionalCode = () => z.preprocess(blankToUndefined, code.optional());
const optionalUuid = () => z.preprocess(blankToUndefined, z.uuid().optional());
const version = z.coerce.number().int().min(1).describe('The version the change starts from: 409 when someone changed the cartella since');

export const cartellaCreateInput = z
  .object({
    personId: z.uuid(),
    area: code.describe('Code of core.areas (area di utenza)'),
    openedOn: optionalDate().describe('Default: today'),
    responsibleOperatorId: optionalUuid().describe('The responsible social worker; default: the operator taking in charge'),
    contactId: optionalUuid().describe('The access contact this take-in-charge comes from (outcome take-in-charge)'),
  })
  .meta({ id: 'CartellaCreate' });
export type CartellaCreate = z.output<typeof cartellaCreateInput>;

export const transitionInput = z
  .object({
    transition: z.enum(TRANSITIONS).describe('suspend (open), resume (suspended), close (open or suspended), reopen (closed)'),
    on: optionalDate().describe('The day it takes effect; default: today'),
    reason: optionalCode().describe('Required to suspend (core.cartella-suspension-reasons) and to close (core.cartella-closing-reasons)'),
    note: optionalText(1000).describe('Required to resume and to reopen'),
    version,
  })
  .superRefine((v, issues) => {
    const rule = TRANSITION_RULES[v.transition];
    if (rule.reasons && !v.reason) issues.addIssue({ code: 'custom', path: ['reason'], message: 'core:cartella.errors.reasonRequired' });
    if (!rule.reasons && !v.note) issues.addIssue({ code: 'custom', path: ['note'], message: 'core:cartella.errors.noteRequired' });
  })
  .meta({ id: 'CartellaTransition' });
export type TransitionInput = z.output<typeof transitionInput>;

export const teamAddInput = z
  .object({
    operatorId: z.uuid(),
    role: code.describe('Code of core.cartella-team-roles'),
    validFrom: optionalDate().describe('Default: today'),
    version,
  })
  .meta({ id: 'CartellaTeamAdd' });

export const teamEndInput = z
  .object({ validTo: optionalDate().describe('The day they leave the team; default: today'), version })
  .meta({ id: 'CartellaTeamEnd' });

export const diaryNoteInput = z
  .object({
    occurredOn: optionalDate().describe('When what the note tells happened; default: today'),
    type: code.describe('Code of core.diary-note-types'),
    confidentiality: z.enum(CONFIDENTIALITY_CODES).describe("team: the cartella's responsible and team only; organization; partners"),
    body: z.string().trim().min(1).max(20000),
    correctsId: optionalUuid().describe('The note this one corrects (notes are never edited)'),
  })
  .meta({ id: 'DiaryNoteInput' });
export type DiaryNoteInput = z.output<typeof diaryNoteInput>;

export const diaryQuery = z.object({
  type: optionalCode(),
  confidentiality: z.preprocess(blankToUndefined, z.enum(CONFIDENTIALITY_CODES).optional()),
  from: optionalDate(),
  to: optionalDate(),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).default(1)),
});
export type DiaryQuery = z.output<typeof diaryQuery>;

export const cartelleQuery = z.object({
  scope: z
    .preprocess(blankToUndefined, z.enum(['mine', 'all']).optional())
    .describe('mine: as responsible or team member (default); all: every cartella the organization sees'),
  state: z.preprocess(blankToUndefined, z.enum(CARTELLA_STATES).optional()),
  area: optionalCode(),
  person: optionalUuid().describe("A person's cartelle (all of them, unless scope says mine)"),
});
export type CartelleQuery = z.output<typeof cartelleQuery>;

const operatorRef = z.object({ id: z.uuid(), displayName: z.string() });

export const teamMemberOutput = z
  .object({
    id: z.uuid(),
    operator: operatorRef,
    role: z.string(),
    validFrom: z.iso.date(),
    validTo: z.iso.date().nullable(),
  })
  .meta({ id: 'CartellaTeamMember' });

export const transitionOutput = z
  .object({
    id: z.uuid(),
    from: z.enum(CARTELLA_STATES).nullable(),
    to: z.enum(CARTELLA_STATES),
    on: z.iso.date(),
    reason: z.string().nullable(),
    note: z.string().nullable(),
    by: operatorRef.nullable(),
    at: z.iso.datetime(),
  })
  .meta({ id: 'CartellaStateChange' });

export const cartellaOutput = z
  .object({
    id: z.uuid(),
    number: z.string().describe('Yearly number per owner, "2026/0007"'),
    owner: z.object({ id: z.uuid(), code: z.string(), name: z.string() }).describe('The data controller the cartella belongs to'),
    person: z.object({ id: z.uuid(), surname: z.string(), name: z.string() }),
    area: z.string(),
    state: z.enum(CARTELLA_STATES),
    stateSince: z.iso.date(),
    openedOn: z.iso.date(),
    responsible: operatorRef,
    version: z.number().int(),
    team: z.array(teamMemberOutput).optional(),
    history: z.array(transitionOutput).optional(),
  })
  .meta({ id: 'Cartella' });

export const diaryNoteOutput = z
  .object({
    id: z.uuid(),
    cartellaId: z.uuid(),
    occurredOn: z.iso.date(),
    type: z.string(),
    confidentiality: z.enum(CONFIDENTIALITY_CODES),
    body: z.string(),
    correctsId: z.uuid().nullable(),
    correctedBy: z.array(z.uuid()).describe('Later notes that correct this one'),
    author: operatorRef,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'DiaryNote' });
