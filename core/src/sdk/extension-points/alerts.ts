// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import { defineManyPoint } from '../extension-point';
import type { OrgRef } from '../context';
import type { DomainEventName } from './events';

/** What an alert is about: the record an operator opens to act on it. */
export interface AlertSubject {
  readonly type: 'person' | 'household' | 'cartella';
  readonly id: string;
}

/** One alert a rule finds holding now. */
export interface RaisedAlert {
  readonly subject: AlertSubject;
  /** Stable within the rule: with the rule and the subject it identifies the alert across evaluations. */
  readonly code: string;
  readonly severity: 'info' | 'warning' | 'critical';
  /**
   * i18n key of the message, namespaced (`core:alerts.rules.repeatedAccess`), and its values. A value
   * made with `codeLabel` or `serviceName` is shown as that label in the reader's language.
   */
  readonly messageKey: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export interface AlertContext {
  /** Bound to the organization's data scope (row-level security applies). */
  readonly em: EntityManager;
  /** Look only at records owned by this organization: each record is evaluated once across the tree. */
  readonly organization: OrgRef;
  /** `YYYY-MM-DD`, Europe/Rome: the day the evaluation is for. */
  readonly today: string;
}

/** A message value shown as the label of a code of a code list, in the reader's language. */
export const codeLabel = (list: string, code: string): string => `@code-list:${list}:${code}`;
/** A message value shown as the name of a catalogue service (its entry code), in the reader's language. */
export const serviceName = (entryCode: string): string => `@catalogue:${entryCode}`;

/**
 * Surfaces latent needs and distress: returns the alerts that hold now among
 * the records an organization owns. Evaluated by the `core.alerts.evaluate`
 * job (every night, on request, and after the domain events it names in
 * `events`); an alert that no longer holds is resolved by itself, one still
 * holding is not raised twice.
 */
export interface AlertRule {
  /** Unique, prefixed with the contributor's id: `core.repeated-access`. */
  readonly id: string;
  readonly position?: number;
  /**
   * Domain events after which the rule is evaluated again soon, for the event's organization
   * (through the job queue), rather than waiting for the next morning.
   */
  readonly events?: readonly DomainEventName[];
  evaluate(ctx: AlertContext): Promise<readonly RaisedAlert[]>;
}
export const AlertRules = defineManyPoint<AlertRule>('sigess.alert-rules');
