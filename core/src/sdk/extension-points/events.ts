// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineManyPoint } from '../extension-point';
import type { Logger } from 'pino';

/**
 * Domain events and their payloads. Modules add theirs by declaration merging
 * (`declare module '@sigess/core/sdk' { interface DomainEvents { … } }`).
 */
export interface DomainEvents {
  'plugin.activation-changed': { readonly organizationId: string; readonly pluginId: string; readonly active: boolean };
  'intervention.requested': InterventionEvent;
  'intervention.approved': InterventionEvent;
  'intervention.rejected': InterventionEvent;
  'intervention.waiting': InterventionEvent;
  'intervention.activated': InterventionEvent;
  'intervention.suspended': InterventionEvent;
  'intervention.concluded': InterventionEvent;
}

/** An intervention's move from one state to another (`from` null when it is requested). */
export interface InterventionEvent {
  readonly interventionId: string;
  readonly organizationId: string;
  readonly cartellaId: string;
  readonly personId: string;
  readonly service: string;
  readonly from: string | null;
  readonly to: string;
  readonly on: string;
}
export type DomainEventName = keyof DomainEvents;

export interface EventContext {
  readonly log: Logger;
  readonly organizationId: string | null;
}

export interface EventListener<K extends DomainEventName = DomainEventName> {
  readonly id: string;
  readonly event: K;
  readonly position?: number;
  handle(payload: DomainEvents[K], ctx: EventContext): Promise<void>;
}
export const EventListeners = defineManyPoint<EventListener>('sigess.event-listeners');
