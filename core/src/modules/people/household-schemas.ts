// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import { optionalDate, optionalText } from '../../sdk/input';

/** Inputs of households, merges and shares: one schema each, for forms, the API and its document. */

const code = z.string().trim().min(1).max(40);

export const asOfQuery = z.object({ asOf: optionalDate() });

export const householdCreateInput = z
  .object({
    personId: z.uuid(),
    kind: code,
    label: optionalText(120),
    relationCode: code,
    validFrom: optionalDate(),
  })
  .meta({ id: 'HouseholdCreate' });

export const memberAddInput = z
  .object({
    version: z.coerce.number().int().min(1),
    personId: z.uuid(),
    relationCode: code,
    cohabiting: z.preprocess((v) => v === undefined || v === true || v === 'on' || v === 'true', z.boolean()),
    validFrom: optionalDate(),
  })
  .meta({ id: 'HouseholdMemberAdd' });

export const memberEndInput = z
  .object({ version: z.coerce.number().int().min(1), validTo: optionalDate() })
  .meta({ id: 'HouseholdMemberEnd' });

export const mergeInput = z.object({ survivorId: z.uuid(), mergedId: z.uuid() }).meta({ id: 'Merge' });

export const shareInput = z
  .object({
    organizationCode: z.string().trim().min(1).max(60),
    purpose: z.string().trim().min(3).max(300),
    expiresAt: z.iso.date(),
  })
  .meta({ id: 'Share' });
