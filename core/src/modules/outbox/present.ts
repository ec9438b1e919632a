// SPDX-License-Identifier: AGPL-3.0-or-later
import type { OutboxEntry } from './service';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** A message as the API gives it: dates in ISO 8601, the next attempt only while one is due. */
export function outboxJson(m: OutboxEntry) {
  return {
    id: m.id,
    organizationId: m.organizationId,
    organizationName: m.organizationName,
    channel: m.channel,
    type: m.type,
    idempotencyKey: m.idempotencyKey,
    subjectEntity: m.subjectEntity,
    subjectId: m.subjectId,
    status: m.status,
    attempts: m.attempts,
    maxAttempts: m.maxAttempts,
    nextAttemptAt: m.status === 'pending' ? iso(m.nextAttemptAt) : null,
    lastAttemptAt: iso(m.lastAttemptAt),
    lastError: m.lastError,
    deliveredAt: iso(m.deliveredAt),
    reference: m.reference,
    recordedAt: iso(m.recordedAt)!,
  };
}
