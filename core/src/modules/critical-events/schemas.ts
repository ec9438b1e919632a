// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import { blankToUndefined, optionalText } from '../../sdk/input';

/** A critical event as the form and the API send it; the type is checked against the code list in the action. */
export const criticalEventInput = z.object({
  type: z.preprocess(blankToUndefined, z.string().trim().min(1).max(100)),
  occurredOn: z.preprocess(blankToUndefined, z.iso.date()),
  note: optionalText(2000),
});
export type CriticalEventInput = z.output<typeof criticalEventInput>;

export const withdrawInput = z.object({
  reason: z.preprocess(blankToUndefined, z.string().trim().min(1).max(2000)),
});

export const criticalEventOutput = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  ownerOrgId: z.uuid(),
  type: z.string(),
  typeLabel: z.string(),
  occurredOn: z.string(),
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
  withdrawn: z.object({ at: z.string(), by: z.string().nullable(), reason: z.string() }).nullable(),
});
