// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import { blankToUndefined, optionalDate, optionalText } from '../../sdk/input';
import { OUTCOME_CODES, REFERRAL_STATE_CODES } from './codes';

/**
 * The access register's inputs: one schema each for the form, the API and the OpenAPI document. Codes
 * are checked against the organization's code lists by the actions (code-options.ts), since a plugin
 * may bring a richer list.
 */

const code = z.string().trim().min(1).max(60);
const optionalUuid = () => z.preprocess(blankToUndefined, z.uuid().optional());
/** A form's checkbox group sends one value as a string, several as an array, none at all. */
const codeArray = z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(code).min(1).max(20));

export const contactInput = z
  .object({
    occurredAt: z
      .preprocess(blankToUndefined, z.iso.datetime({ local: true, offset: true }).optional())
      .describe('When it happened: ISO date-time; without an offset it is Italian local time. Default: now.'),
    channel: code.describe('Code of core.access-channels'),
    interlocutor: code.describe('Code of core.access-interlocutors: who came or called'),
    personId: optionalUuid().describe('The person, found in the registry; leave it out for an anonymous contact'),
    anonymousDescription: optionalText(300).describe('Who came, when they did not give their name (linked to a person later)'),
    needs: codeArray.describe('Codes of core.access-needs: the needs expressed'),
    notes: optionalText(4000),
    outcome: z.enum(OUTCOME_CODES).describe('information, orientation, referral (followed until answered), take-in-charge'),
    referralService: optionalText(200).describe('The service referred to, by name (for a referral)'),
    referralOrganizationId: optionalUuid().describe('The organization referred to, when it is on the platform (for a referral)'),
  })
  .superRefine((v, issues) => {
    if (!v.personId && !v.anonymousDescription) {
      issues.addIssue({ code: 'custom', path: ['anonymousDescription'], message: 'core:access.errors.subject' });
    }
    if (v.outcome === 'referral' && !v.referralService && !v.referralOrganizationId) {
      issues.addIssue({ code: 'custom', path: ['referralService'], message: 'core:access.errors.referralTarget' });
    }
  })
  .meta({ id: 'AccessContactInput' });
export type ContactInput = z.output<typeof contactInput>;

export const linkPersonInput = z
  .object({ personId: z.uuid(), version: z.coerce.number().int().min(1) })
  .meta({ id: 'AccessContactLinkPerson' });

export const referralDecisionInput = z
  .object({
    status: z.enum(REFERRAL_STATE_CODES.filter((s) => s !== 'pending') as ['accepted', 'refused']),
    note: optionalText(500),
    version: z.coerce.number().int().min(1),
  })
  .meta({ id: 'ReferralDecision' });

export const registerQuery = z.object({
  point: optionalUuid().describe('The service point whose register to read (one the request sees); default: where the request acts'),
});

export const contactsQuery = z.object({
  personId: optionalUuid(),
  point: optionalUuid(),
  from: optionalDate(),
  to: optionalDate(),
  limit: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(200).default(50)),
});

const named = z.object({ id: z.uuid(), name: z.string() });

export const contactOutput = z
  .object({
    id: z.uuid(),
    servicePoint: named.extend({ code: z.string() }),
    occurredAt: z.iso.datetime(),
    channel: z.string(),
    interlocutor: z.string(),
    person: z.object({ id: z.uuid(), surname: z.string(), name: z.string() }).nullable(),
    anonymousDescription: z.string().nullable(),
    needs: z.array(z.string()),
    notes: z.string().nullable(),
    outcome: z.enum(OUTCOME_CODES),
    referral: z
      .object({
        service: z.string().nullable(),
        organization: named.nullable(),
        status: z.enum(REFERRAL_STATE_CODES),
        decidedAt: z.iso.datetime().nullable(),
        note: z.string().nullable(),
      })
      .nullable(),
    cartellaId: z.uuid().nullable(),
    recordedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'AccessContact' });

export const registerOutput = z
  .object({
    servicePoint: named.extend({ code: z.string() }),
    today: z.array(contactOutput),
    openReferrals: z.array(contactOutput),
    repeatVisitors: z.array(
      z.object({
        person: z.object({ id: z.uuid(), surname: z.string(), name: z.string() }),
        contacts: z.number().int(),
        lastAt: z.iso.datetime(),
      }),
    ),
    rule: z.object({ visits: z.number().int(), days: z.number().int() }),
  })
  .meta({ id: 'AccessRegister' });
