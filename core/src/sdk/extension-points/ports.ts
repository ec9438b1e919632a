// SPDX-License-Identifier: AGPL-3.0-or-later
import { definePort } from '../extension-point';
import type { RequestCtx } from '../context';
import type { IseeType } from './eligibility';
import type { OutboundAdapter } from '../outbox';

/** A resident as the population register (ANPR, a municipal anagrafe) knows them. */
export interface RegistryPerson {
  readonly surname: string;
  readonly name: string;
  /** YYYY-MM-DD. */
  readonly birthDate: string;
  /** ISTAT code of the comune of residence (6 digits), when resident in Italy. */
  readonly residenceIstat: string | null;
  readonly sex?: 'M' | 'F' | null;
  /** Cadastral (Belfiore) code of the place of birth: a comune (`H501`) or a foreign state (`Z112`). */
  readonly birthPlaceCode?: string | null;
  /** The address of residence; `comuneCode` is the comune's cadastral code, as the person registry keeps it. */
  readonly residence?: {
    readonly comuneCode: string | null;
    readonly street: string | null;
    readonly houseNumber: string | null;
    readonly postcode: string | null;
  } | null;
  /** YYYY-MM-DD, when the register records the death. */
  readonly deceasedDate?: string | null;
  /** The register's own reference of this answer (ANPR's operation id), kept in the audit log. */
  readonly reference?: string | null;
}

/**
 * Resident registry lookups (ANPR or a municipal anagrafe). Every lookup is of personal data, made for a
 * stated purpose: core audits it with that purpose and the register's reference; the adapter passes the
 * purpose on when the register asks for one (ANPR does). Null: the register does not know the code. An
 * unreachable register throws (an `HttpClientError` for an adapter on `createHttpClient`).
 */
export interface PersonRegistryAdapter {
  readonly id: string;
  lookup(codiceFiscale: string, ctx: RequestCtx, options?: { readonly purpose?: string }): Promise<RegistryPerson | null>;
}
export const PersonRegistryPort = definePort<PersonRegistryAdapter>('sigess.port.person-registry');

/** An ISEE attestation as INPS returns it (ConsultazioneAttestazioneResidenti: `Attestazione`, `Valori`). */
export interface IseeAttestation {
  readonly type: IseeType;
  /** ISEE, ISE in euro; the scala di equivalenza. */
  readonly value: number;
  readonly ise: number | null;
  readonly scale: number | null;
  /** `NumeroProtocolloDSU`: `INPS-ISEE-…`. */
  readonly protocol: string;
  readonly issuedOn: string;
  readonly expiresOn: string;
}

/** What a request for a person's ISEE found: attestations, none, or that no retrieval is configured here. */
export type IseeRetrieval =
  | { readonly status: 'found'; readonly attestations: readonly IseeAttestation[] }
  | { readonly status: 'not-found' }
  /** `reasonKey` says why, in words an operator can act on (an i18n key). */
  | { readonly status: 'not-configured'; readonly reasonKey: string };

/**
 * ISEE attestations from INPS (the ISEE e-services through PDND, directly or through a gateway). INPS
 * answers within an application for a prestazione, and every call is logged with its purpose: the
 * request carries both. Core's own implementation answers `not-configured`; a plugin's replaces it.
 */
export interface IseeAdapter {
  readonly id: string;
  retrieve(
    request: {
      readonly codiceFiscale: string;
      /** The date the attestation must be valid on (`DataValidita`). */
      readonly on: string;
      /** The INPS prestazione code of the service applied for (`PrestazioneDaErogare`), when known. */
      readonly prestazione: string | null;
      /** Why the operator asks (PDND purpose), as recorded in the audit log. */
      readonly purpose: string;
    },
    ctx: RequestCtx,
  ): Promise<IseeRetrieval>;
}
export const IseePort = definePort<IseeAdapter>('sigess.port.isee');

/**
 * The regional socio-health information system. Messages reach it through the outbox
 * (`recordOutbound(ctx, HealthSystemPort, …)`): the adapter sends one message, with its idempotency key, and
 * returns the other side's reference; it throws when the message was not taken (see `OutboundAdapter`).
 */
export type HealthSystemAdapter = OutboundAdapter;
export const HealthSystemPort = definePort<HealthSystemAdapter>('sigess.port.health-system');

/** Document protocol registration (protocollo informatico). */
export interface ProtocolAdapter {
  readonly id: string;
  register(
    document: { readonly title: string; readonly direction: 'in' | 'out' },
    ctx: RequestCtx,
  ): Promise<{ readonly number: string; readonly date: string }>;
}
export const ProtocolPort = definePort<ProtocolAdapter>('sigess.port.protocol');

/**
 * What a scanner says of a file. `not-scanned` is the honest answer of an installation without a
 * scanner (core's own adapter): the document is kept and shown as not checked, never as clean.
 */
export type VirusScanVerdict =
  { readonly status: 'clean' } | { readonly status: 'infected'; readonly signature: string } | { readonly status: 'not-scanned' };

/** Virus scan for uploaded documents. A scanner that cannot answer throws: the upload is refused, to be tried again. */
export interface VirusScanAdapter {
  readonly id: string;
  scan(content: Uint8Array): Promise<VirusScanVerdict>;
}
export const VirusScanPort = definePort<VirusScanAdapter>('sigess.port.virus-scan');
