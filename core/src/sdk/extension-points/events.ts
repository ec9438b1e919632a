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
  'critical-event.recorded': CriticalEventRecorded;
  'access.contact-recorded': ContactRecorded;
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
/** A critical event (eviction, lost job, violence…) recorded about a person; `on` is the day it happened. */
export interface CriticalEventRecorded {
  readonly eventId: string;
  readonly personId: string;
  readonly organizationId: string;
  readonly type: string;
  readonly on: string;
}
/** A contact recorded at a desk (`organizationId`), or a person linked later to an anonymous one. */
export interface ContactRecorded {
  readonly contactId: string;
  readonly organizationId: string;
  /** Null while the contact is anonymous. */
  readonly personId: string | null;
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
