// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TFunction } from 'i18next';
import type { Logger } from 'pino';
import type { KeyedPoint, ManyPoint, Port } from './extension-point';

/** One audited action (see RequestCtx.audit). */
export interface AuditEvent {
  /** Dotted verb: `auth.sign-in`, `person.read`, `person.update`… */
  readonly action: string;
  readonly entity?: string;
  readonly entityId?: string;
  /** Why personal data was read, where the operator was asked. */
  readonly purpose?: string;
  /** Small, non-sensitive facts: never the content of a record. */
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
}

export type Locale = 'it' | 'en';
export const LOCALES: readonly Locale[] = ['it', 'en'];

/** The organization a request acts in. */
export interface OrgRef {
  readonly id: string;
  readonly code: string;
  readonly name: string;
}

/** The operator behind a request; null while nobody is signed in. */
export interface OperatorRef {
  readonly id: string;
  readonly displayName: string;
  readonly roles: readonly string[];
}

/** The contributions visible to one organization: core's and its active plugins'. */
export interface ExtensionView {
  /** A `many` point's contributions, ordered by position, then dependency order, then id. */
  all<T>(point: ManyPoint<T>): T[];
  /** One contribution of a `keyed` point, or undefined (also when its plugin is off here). */
  get<T>(point: KeyedPoint<T>, key: string): T | undefined;
  /** Every contribution of a `keyed` point. */
  keyed<T>(point: KeyedPoint<T>): T[];
  /** The organization's implementation of a port. */
  port<T extends { id: string }>(point: Port<T>): T;
}

/**
 * What every contribution receives: explicit, never ambient. Contributions are
 * stateless and read request data only from here.
 */
export interface RequestCtx {
  readonly requestId: string;
  readonly org: OrgRef | null;
  readonly operator: OperatorRef | null;
  readonly locale: Locale;
  /** i18next `t` fixed to the request's language; plugin code gets its own namespace first. */
  readonly t: TFunction;
  /** A forked EntityManager for this request only. */
  readonly em: EntityManager;
  readonly log: Logger;
  /** Contributions of core and of the plugins active for this organization. */
  readonly extensions: ExtensionView;
  /** Whether the request's principal holds a permission. */
  can(permission: string): boolean;
  /**
   * Writes an entry to the audit log, as this request's operator, organization and role. Every read
   * and write of personal data must be audited; call it inside the transaction of the change it records.
   * Several events at once (a batch's creations) are appended in order, cheaper than one call each.
   * Inside a route the entries are written together, in order, just before the route's transaction
   * commits (and not at all if it rolls back); with an explicit `em` they are written at once through it.
   */
  audit(event: AuditEvent | readonly AuditEvent[], em?: EntityManager): Promise<void>;
  /** The calling plugin's settings for the request's organization (validated by its schema). */
  settings<S>(): S;
}
