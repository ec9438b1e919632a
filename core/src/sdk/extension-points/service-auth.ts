// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import { defineKeyedPoint } from '../extension-point';

/** What a service authenticator sees of a request under its prefix. */
export interface ServiceAuthInput {
  /** The `Authorization` header as sent, or null. */
  readonly authorization: string | null;
  /** The path below the plugin's prefix, as its routes are declared: `/waas/H501/v1/flussi` for `/p/siuss/waas/H501/v1/flussi`. */
  readonly path: string;
  /** The request's headers, lower-cased names (a client certificate's, a signature's). */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /**
   * A database handle outside any data scope: what row-level security leaves public (organizations, the
   * territory), no personal data. For mapping a tenant in the path to the organization it names.
   */
  readonly em: EntityManager;
}

/** Who the request is, once authenticated: the calling system, and the organization it acts in. */
export interface ServiceIdentity {
  /** The client's stable id at its authority (a PDND client id): the audit log names it `service:<clientId>`. */
  readonly clientId: string;
  /** The organization whose data the request reaches (row-level security scope of that organization and those below). */
  readonly organizationId: string;
  /**
   * The purpose the client declared for this access (PDND's `purposeId`, the finalità its administration
   * registered): recorded as the purpose of every audit entry of the request that names none of its own, so the
   * log answers "why was this read" for machine access as it does for an operator's registry lookups.
   */
  readonly purpose?: string;
}

/**
 * Machine-to-machine authentication for a plugin's own routes under a path prefix: an e-service another
 * administration calls with a credential of its own (a PDND voucher), not an operator's session or token.
 *
 * Requests under `/p/<plugin id><prefix>` are authenticated only by `authenticate` (a session cookie or a
 * personal API token is ignored there); they act in the returned organization with `role`, have no operator
 * (audit entries name the client), skip the CSRF check (they carry no ambient credentials), and get
 * problem+json errors. `null` answers 401; an `HttpError` thrown answers its own status (404 for a tenant that
 * does not exist, 503 when the authority's keys cannot be fetched).
 */
export interface ServiceAuthenticator {
  /** `<plugin id>.<name>`, e.g. `siuss.waas`. */
  readonly id: string;
  /** A path prefix of the plugin's own routes, between slashes: `/waas/`; routes of the plugin must lie under it. */
  readonly prefix: string;
  /** A role the plugin declares in its manifest (`sigess.roles`); its permissions come from the role matrix. */
  readonly role: string;
  authenticate(input: ServiceAuthInput): Promise<ServiceIdentity | null>;
}
export const ServiceAuthenticators = defineKeyedPoint<ServiceAuthenticator>('sigess.service-authenticators', (a) => a.id);
