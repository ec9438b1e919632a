// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineManyPoint } from '../extension-point';
import type { Logger } from 'pino';

/**
 * Domain events and their payloads. Modules add theirs by declaration merging
 * (`declare module '@sigess/core/sdk' { interface DomainEvents { … } }`).
 */
export interface DomainEvents {
  'plugin.activation-changed': { readonly organizationId: string; readonly pluginId: string; readonly active: boolean };
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
