// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * How hard the outbox tries. The waits double from the first retry (30 s, 1, 2, 4… minutes, never more
 * than an hour apart): ten attempts span about four hours, long enough to ride out a maintenance window of
 * the other side, short enough that an administrator hears of a real problem the same day.
 */
export const OUTBOX_POLICY = {
  maxAttempts: 10,
  firstRetrySeconds: 30,
  maxRetrySeconds: 3600,
  /** A delivery under way holds its message this long; a worker that died lets go of it when it runs out. */
  leaseSeconds: 120,
  /** Messages one run of the job takes per organization; the next run takes the rest. */
  batch: 50,
  /** A delivered message's payload (personal data) is cleared after this many days; the row stays as the record. */
  keepPayloadDays: 30,
} as const;

/** Seconds to wait after the `attempts`-th failed attempt. */
export function backoffSeconds(attempts: number): number {
  return Math.min(OUTBOX_POLICY.firstRetrySeconds * 2 ** Math.max(attempts - 1, 0), OUTBOX_POLICY.maxRetrySeconds);
}
