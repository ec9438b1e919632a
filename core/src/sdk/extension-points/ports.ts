// SPDX-License-Identifier: AGPL-3.0-or-later
import { definePort } from '../extension-point';
import type { RequestCtx } from '../context';
import type { IseeType } from './eligibility';

/** Resident registry lookups (ANPR or a municipal anagrafe). */
export interface PersonRegistryAdapter {
  readonly id: string;
  lookup(
    codiceFiscale: string,
    ctx: RequestCtx,
  ): Promise<{
    readonly surname: string;
    readonly name: string;
    readonly birthDate: string;
    readonly residenceIstat: string | null;
  } | null>;
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

/** The regional socio-health information system. */
export interface HealthSystemAdapter {
  readonly id: string;
  send(message: { readonly type: string; readonly payload: unknown }, ctx: RequestCtx): Promise<{ readonly reference: string }>;
}
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
