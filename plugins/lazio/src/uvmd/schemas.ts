// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from '@sigess/core/sdk';
import { CARE_SETTINGS, CLINICAL_STABILITY, MEMBER_ROLES, MEMBER_SIDES, NURSING_NEEDS, OUTCOMES, UVMD_FORMS } from './data';

const blank = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const list = (v: unknown): unknown =>
  v === undefined || v === '' ? [] : Array.isArray(v) ? v : typeof v === 'object' && v !== null ? Object.values(v) : [v];
const text = (max: number) => z.preprocess(blank, z.string().trim().max(max).optional());

const member = z.object({
  name: z.string().trim().min(1).max(120),
  role: z.enum(MEMBER_ROLES),
  side: z.enum(MEMBER_SIDES),
});

/** A session of the UVMD for a cartella: when, who, with which instrument, and the share to the health district. */
export const sessionInput = z
  .object({
    cartellaId: z.uuid(),
    scheduledOn: z.iso.date(),
    place: text(200),
    formId: z.enum(UVMD_FORMS).describe('The instrument: SVAMA (older people) or SVAMDi (people with disabilities)'),
    healthDistrictCode: z.string().trim().min(1).max(60).describe("Code of the ASL's health district that sits in it"),
    // A form's rows that were left empty are dropped: the team is who is named.
    members: z
      .preprocess(
        (v) =>
          (list(v) as unknown[]).filter((m) => m && typeof m === 'object' && String((m as { name?: unknown }).name ?? '').trim() !== ''),
        z.array(member).max(12),
      )
      .describe('The members: name, role, side (comune or ASL); at least one of each side'),
    shareExpiresOn: z.iso.date().describe('The last day the cartella is shared with the health district'),
    legalBasis: text(60).describe("Code of core.legal-bases; none: the person's consent to sharing must be on record"),
  })
  .superRefine((v, issues) => {
    for (const side of MEMBER_SIDES)
      if (!v.members.some((m) => m.side === side))
        issues.addIssue({ code: 'custom', path: ['members'], message: `lazio:uvmd.errors.member.${side}` });
    if (v.shareExpiresOn < v.scheduledOn)
      issues.addIssue({ code: 'custom', path: ['shareExpiresOn'], message: 'lazio:uvmd.errors.shareBeforeSession' });
  })
  .meta({ id: 'LazioUvmdSession' });
export type SessionInput = z.output<typeof sessionInput>;

/** The health part, filled by the ASL's members. */
export const healthInput = z
  .object({
    diagnoses: z.string().trim().min(1).max(2000),
    stability: z.enum(CLINICAL_STABILITY),
    nursingNeeds: z.preprocess(list, z.array(z.enum(NURSING_NEEDS)).max(NURSING_NEEDS.length)),
    notes: text(4000),
  })
  .meta({ id: 'LazioUvmdHealthPart' });
export type HealthInput = z.output<typeof healthInput>;

/** What the UVMD decides, and the PAI (L.R. 11/2016 art. 9) when it writes one. */
export const outcomeInput = z
  .object({
    outcome: z.enum(OUTCOMES),
    note: text(2000),
    setting: z.preprocess(blank, z.enum(CARE_SETTINGS).optional()),
    objectives: text(4000),
    services: text(2000),
    caseManager: text(120),
    reviewOn: z.preprocess(blank, z.iso.date().optional()),
  })
  .superRefine((v, issues) => {
    if (v.outcome !== 'pai') return;
    for (const field of ['setting', 'objectives', 'caseManager', 'reviewOn'] as const)
      if (!v[field]) issues.addIssue({ code: 'custom', path: [field], message: 'lazio:uvmd.errors.paiField' });
  })
  .meta({ id: 'LazioUvmdOutcome' });
export type OutcomeInput = z.output<typeof outcomeInput>;
