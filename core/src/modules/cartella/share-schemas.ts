// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import { blankToUndefined } from '../../sdk/input';
import { SHARE_PARTS } from './sharing';

/** A form's checkbox group sends one value as a string, several as an array, none at all. */
const partList = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(SHARE_PARTS)).max(SHARE_PARTS.length),
);

export const shareGrantInput = z
  .object({
    granteeCode: z.string().trim().min(1).max(60).describe('Code of the organization the cartella is shared with (outside the owner)'),
    parts: partList.describe(
      'Parts opened besides summary (always included): diary (partner notes), assessments, plan, interventions, documents',
    ),
    purpose: z.string().trim().min(1).max(500).describe('Why it is shared, e.g. "UVMD per valutazione integrata"'),
    expiresOn: z.iso.date().describe('Last day the share is in force: in the future, at most a year away'),
    legalBasis: z
      .preprocess(blankToUndefined, z.string().trim().max(60).optional())
      .describe(
        'Code of core.legal-bases; required when no consent to sharing (core.consent-purposes condivisione-sanitaria) is on record',
      ),
  })
  .meta({ id: 'CartellaShareGrant' });
export type ShareGrantInput = z.output<typeof shareGrantInput>;

const org = z.object({ id: z.string(), code: z.string(), name: z.string() });

export const shareOutput = z
  .object({
    id: z.string(),
    cartella: z.object({ id: z.string(), number: z.string() }),
    owner: z.object({ id: z.string(), name: z.string() }),
    grantee: org,
    parts: z.array(z.enum(SHARE_PARTS)),
    purpose: z.string(),
    expiresOn: z.string(),
    legalBasis: z.string().nullable(),
    grantedAt: z.string(),
    grantedBy: z.string().nullable(),
    revokedAt: z.string().nullable(),
    revokedBy: z.string().nullable(),
    status: z.enum(['active', 'expired', 'revoked']),
    owned: z.boolean(),
  })
  .meta({ id: 'CartellaShare' });
