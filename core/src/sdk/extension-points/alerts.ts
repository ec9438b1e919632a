// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import { defineManyPoint } from '../extension-point';
import type { OrgRef } from '../context';

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
  /** i18n key of the message, namespaced (`core:alerts.rules.repeatedAccess`), and its values. */
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

/**
 * Surfaces latent needs and distress: returns the alerts that hold now among
 * the records an organization owns. Evaluated by the `core.alerts.evaluate`
 * job (every night, and on request); an alert that no longer holds is resolved
 * by itself, one still holding is not raised twice.
 */
export interface AlertRule {
  /** Unique, prefixed with the contributor's id: `core.repeated-access`. */
  readonly id: string;
  readonly position?: number;
  evaluate(ctx: AlertContext): Promise<readonly RaisedAlert[]>;
}
export const AlertRules = defineManyPoint<AlertRule>('sigess.alert-rules');
