// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from '@sigess/core/sdk';

/** PDND's production authorization server: its published keys and the `iss` of its vouchers. */
export const PDND_PRODUCTION = { jwksUrl: 'https://interop.pagopa.it/.well-known/jwks.json', issuer: 'interop.pagopa.it' } as const;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Vouchers checked against an authority's published keys: PDND's (production or test environment). */
const jwks = z.object({
  mode: z.literal('jwks'),
  /** Over https; plain http only on loopback (a local stand-in): whoever can change the keys can mint vouchers. */
  jwksUrl: z
    .url({ protocol: /^https?$/ })
    .default(PDND_PRODUCTION.jwksUrl)
    .refine((url) => url.startsWith('https:') || LOOPBACK.has(new URL(url).hostname), 'https, or http on loopback only'),
  issuer: z.string().min(1).default(PDND_PRODUCTION.issuer),
  /** The audience set on the e-service at PDND; several when the installation publishes several comuni's e-services. */
  audience: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  /** INPS's PDND client id(s): any other consumer's voucher is refused. */
  allowedClients: z.array(z.string().min(1)).min(1),
});

/**
 * A simulated authority started at boot on loopback (tests, the demo): its vouchers are checked by the same
 * JWKS verifier, and a system administrator can get one on the e-service's page to try it with curl. Never in
 * production: whoever administers the installation could then read every comune's flussi as INPS.
 */
const simulated = z.object({ mode: z.literal('simulated') });

/**
 * `pluginSettings.siuss.waas` in sigess.config.json: whether the comuni's WaaS e-service is published (off:
 * every path under it answers 404), and how its PDND vouchers are checked.
 */
export const waasSettings = z
  .object({
    enabled: z.boolean().default(false),
    pdnd: z.discriminatedUnion('mode', [jwks, simulated]).default({ mode: 'simulated' }),
  })
  .default({ enabled: false, pdnd: { mode: 'simulated' } });

export type WaasSettings = z.output<typeof waasSettings>;
