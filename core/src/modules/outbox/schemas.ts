// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import { blankToUndefined } from '../../sdk/input';

export const outboxListQuery = z.object({
  status: z.preprocess(blankToUndefined, z.enum(['pending', 'failed', 'delivered']).optional()),
  organizationId: z.preprocess(blankToUndefined, z.uuid().optional()),
});

export const outboxMessageOutput = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    organizationName: z.string(),
    channel: z.string().describe('The port the message goes through: sigess.port.health-system'),
    type: z.string(),
    idempotencyKey: z.string(),
    subjectEntity: z.string().nullable(),
    subjectId: z.string().nullable(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    nextAttemptAt: z.string().nullable().describe('When a pending message is tried next'),
    lastAttemptAt: z.string().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    reference: z.string().nullable().describe("The other side's reference of the delivered message"),
    recordedAt: z.string(),
  })
  .meta({ id: 'OutboxMessage' });

export const outboxCountsOutput = z.array(
  z.object({
    organizationId: z.uuid(),
    organizationName: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    count: z.number().int(),
  }),
);
