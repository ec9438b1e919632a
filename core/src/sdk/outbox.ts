// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Logger } from 'pino';
import type { OrgRef, RequestCtx } from './context';
import { definePort, type Port } from './extension-point';

/**
 * The outbox: messages for other systems, recorded in the transaction of the change that causes them and
 * delivered afterwards by a core job, through the organization's implementation of a port, until the other
 * side has taken them. A message is never lost (it is a row, committed with the change) nor taken twice
 * (its idempotency key goes with every attempt, and the other side records a key once).
 */

/** A message as an adapter delivers it. */
export interface OutboundMessage {
  /** The outbox row. */
  readonly id: string;
  /** What the message is, in the adapter's terms: `pua-scheda`, `uvmd-outcome`… */
  readonly type: string;
  /** Unique per message, the same on every attempt: send it as the `Idempotency-Key` header. */
  readonly idempotencyKey: string;
  readonly payload: unknown;
  /** 1 on the first attempt. */
  readonly attempt: number;
  /** When the change that caused it was recorded (ISO 8601). */
  readonly recordedAt: string;
}

/** What an adapter gets when the outbox delivers: no request, no operator, the organization the message is of. */
export interface OutboundCtx {
  readonly organization: OrgRef;
  readonly log: Logger;
}

/**
 * A port whose adapter the outbox can deliver through. `send` resolves once the other side has taken the
 * message (its reference, when it gives one). It throws otherwise: an error whose `retryable` is `false` (an
 * `HttpStatusError` for a 4xx, a `PermanentDeliveryError`) puts the message aside at once as failed, since
 * sending it again would change nothing; any other error is tried again later, with backoff.
 */
export interface OutboundAdapter {
  readonly id: string;
  send(message: OutboundMessage, ctx: OutboundCtx): Promise<{ readonly reference: string | null }>;
}

/** A refusal no retry will cure (the message itself is wrong): the outbox stops trying and shows it as failed. */
export class PermanentDeliveryError extends Error {
  readonly retryable = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentDeliveryError';
  }
}

/** A message to record. */
export interface OutboundRecord {
  readonly type: string;
  /**
   * Unique per message across the port: derive it from what the message is about (`pua-scheda:<contact id>`),
   * so that recording the same message twice records it once.
   */
  readonly idempotencyKey: string;
  /** JSON; it may hold personal data: it is kept under the organization's row-level security, and cleared some time after delivery. */
  readonly payload: unknown;
  /** What the message is about, for the administrators' list and the audit log (no personal data in it). */
  readonly subject?: { readonly entity: string; readonly id: string };
}

/** What recording did: the message's row, and whether it is new (false: that key was recorded before, nothing changed). */
export interface OutboundRecorded {
  readonly id: string;
  readonly created: boolean;
}

/** Where a message stands, for a page that shows whether it went through. */
export interface OutboundState {
  readonly id: string;
  readonly status: 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  readonly lastError: string | null;
  /** ISO 8601. */
  readonly deliveredAt: string | null;
  readonly reference: string | null;
}

/** Where messages are kept: core's outbox (`core.outbox`). A port, so an installation could keep them elsewhere. */
export interface OutboxStore {
  readonly id: string;
  record(ctx: RequestCtx, channel: string, message: OutboundRecord): Promise<OutboundRecorded>;
  /** The message recorded with this key, within the request's scope; null if none. */
  state(ctx: RequestCtx, channel: string, idempotencyKey: string): Promise<OutboundState | null>;
}
export const OutboxPort = definePort<OutboxStore>('sigess.port.outbox');

/**
 * Records a message for the organization's implementation of `port`, in the request's transaction (inside a
 * route, `ctx.em` is it): it commits or rolls back with the change. Right after the commit the outbox tries
 * to deliver it; if the other side is down, it tries again with backoff, and a schedule catches up every
 * minute. Audited (`outbox.record`).
 */
export function recordOutbound<T extends OutboundAdapter>(
  ctx: RequestCtx,
  port: Port<T>,
  message: OutboundRecord,
): Promise<OutboundRecorded> {
  return ctx.extensions.port(OutboxPort).record(ctx, port.id, message);
}

/** Where the message recorded with `idempotencyKey` for `port` stands (null: none, or not in the request's scope). */
export function outboundState<T extends OutboundAdapter>(
  ctx: RequestCtx,
  port: Port<T>,
  idempotencyKey: string,
): Promise<OutboundState | null> {
  return ctx.extensions.port(OutboxPort).state(ctx, port.id, idempotencyKey);
}
