// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from '@sigess/core/sdk';

/** One other system: where it is, how long to wait for it, how often to try, and the credential it expects. */
const endpoint = (timeoutMs: number, retries: number) =>
  z
    .object({
      /** `https://…/api`; none: the adapter answers "not configured" (messages wait in the outbox). */
      baseUrl: z.url().optional(),
      timeoutMs: z.number().int().min(100).max(120_000).default(timeoutMs),
      /** Retries within one call; the outbox adds its own, hours apart, on top. */
      retries: z.number().int().min(0).max(5).default(retries),
      /**
       * A placeholder for the credential the other side issues (sent as `Authorization: Bearer …`). A real
       * installation will use what the region prescribes (a PDND voucher, mutual TLS) in its place.
       */
      apiKey: z.string().min(1).optional(),
    })
    .default({ timeoutMs, retries });

/**
 * `pluginSettings.lazio.integrations` in sigess.config.json. With `simulate: true` the plugin starts both
 * simulators on loopback when it boots and points the adapters at them, whatever the base URLs say: the
 * demo and the tests work with no other system around.
 */
export const integrationSettings = z
  .object({
    simulate: z.boolean().default(false),
    regionalSystem: endpoint(10_000, 2),
    anagrafeRoma: endpoint(5_000, 1),
  })
  .default({ simulate: false, regionalSystem: { timeoutMs: 10_000, retries: 2 }, anagrafeRoma: { timeoutMs: 5_000, retries: 1 } });

export type IntegrationSettings = z.output<typeof integrationSettings>;
