// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import { blankToUndefined } from '../../sdk/input';

/** Why the operator asks the population register: recorded in the audit log, and passed on to the register. */
const purpose = z.string().trim().min(3, 'core:people.registry.errors.purpose').max(200);
const codiceFiscale = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{16}$/, 'core:people.registry.errors.codiceFiscale');

export const registryCheckInput = z.object({ purpose }).meta({ id: 'RegistryCheck' });

/** The registration form filled from the register: both or neither. */
export const registryLookupQuery = z
  .object({
    lookup: z.preprocess(blankToUndefined, codiceFiscale.optional()),
    purpose: z.preprocess(blankToUndefined, purpose.optional()),
  })
  .loose()
  .superRefine((v, issues) => {
    if (v.lookup !== undefined && v.purpose === undefined)
      issues.addIssue({ code: 'custom', path: ['purpose'], message: 'core:people.registry.errors.purpose' });
    if (v.purpose !== undefined && v.lookup === undefined)
      issues.addIssue({ code: 'custom', path: ['lookup'], message: 'core:people.registry.errors.codiceFiscale' });
  });
