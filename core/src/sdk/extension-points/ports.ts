// SPDX-License-Identifier: AGPL-3.0-or-later
import { definePort } from '../extension-point';
import type { RequestCtx } from '../context';

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

/** ISEE attestations (INPS). */
export interface IseeAdapter {
  readonly id: string;
  attestation(
    codiceFiscale: string,
    ctx: RequestCtx,
  ): Promise<{
    readonly valueCents: number;
    readonly validUntil: string;
    readonly protocol: string;
  } | null>;
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

/** Virus scan for uploaded documents. */
export interface VirusScanAdapter {
  readonly id: string;
  scan(content: Uint8Array): Promise<{ readonly clean: boolean; readonly signature?: string }>;
}
export const VirusScanPort = definePort<VirusScanAdapter>('sigess.port.virus-scan');
