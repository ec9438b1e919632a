// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import { optionalText } from '../../sdk/input';

export const alertListQuery = z.object({
  status: z.enum(['open', 'acknowledged', 'resolved', 'current']).default('open'),
});

export const acknowledgeInput = z.object({
  note: optionalText(2000),
});

export const alertOutput = z.object({
  id: z.uuid(),
  ruleId: z.string(),
  code: z.string(),
  subjectType: z.enum(['person', 'household', 'cartella']),
  subjectId: z.uuid(),
  subjectLabel: z.string().nullable(),
  severity: z.enum(['info', 'warning', 'critical']),
  message: z.string(),
  status: z.enum(['open', 'acknowledged', 'resolved']),
  raisedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  note: z.string().nullable(),
});
