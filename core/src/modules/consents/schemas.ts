// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import { blankToUndefined, optionalDate, optionalText } from '../../sdk/input';
import { CONSENT_KINDS } from './codes';

const code = z.string().trim().min(1).max(60);
const optionalCode = () => z.preprocess(blankToUndefined, code.optional());

export const consentInput = z
  .object({
    kind: z.enum(CONSENT_KINDS).describe('notice: the information notice (informativa) was given; consent: a consent to a purpose'),
    purpose: code.describe('Code of core.consent-purposes'),
    legalBasis: optionalCode().describe('Code of core.legal-bases, where relevant (a notice states the basis of the processing)'),
    givenOn: optionalDate().describe('Default: today; never in the future'),
    givenBy: code.describe('Code of core.consent-givers: the person or who represents them'),
    givenByName: optionalText(200).describe("The representative's name; required unless given by the person"),
    documentRef: optionalText(200).describe('Where the signed paper is: protocol number, document reference'),
  })
  .meta({ id: 'ConsentRecord' });
export type ConsentInput = z.output<typeof consentInput>;

export const withdrawInput = z
  .object({
    withdrawnOn: optionalDate().describe('From which day it no longer holds; default: today'),
    note: optionalText(1000).describe('How it was withdrawn (letter, statement at the desk…)'),
  })
  .meta({ id: 'ConsentWithdraw' });
export type WithdrawInput = z.output<typeof withdrawInput>;

export const consentOutput = z
  .object({
    id: z.string(),
    personId: z.string(),
    cartellaId: z.string().nullable(),
    kind: z.enum(CONSENT_KINDS),
    purpose: z.string(),
    legalBasis: z.string().nullable(),
    givenOn: z.string(),
    givenBy: z.string(),
    givenByName: z.string().nullable(),
    documentRef: z.string().nullable(),
    withdrawnOn: z.string().nullable(),
    withdrawalNote: z.string().nullable(),
    inForce: z.boolean(),
    recordedAt: z.string(),
  })
  .meta({ id: 'Consent' });
