// SPDX-License-Identifier: AGPL-3.0-or-later
import { PermanentDeliveryError, type HealthSystemAdapter } from '@sigess/core/sdk';
import type { IntegrationsRuntime } from './runtime';

/** The message types the regional system takes, and where (contracts/regional-system.openapi.yaml). */
export const REGIONAL_PATHS: Readonly<Record<string, string>> = {
  'pua-scheda': '/v1/pua-schede',
  'uvmd-outcome': '/v1/uvmd-outcomes',
};

/** What the regional system answers when it takes a message (201, or 200 for a key it has seen). */
interface Receipt {
  readonly reference: string;
}

/**
 * `HealthSystemPort` for Lazio: each outbox message is one POST to the regional socio-health system, with the
 * message's idempotency key as `Idempotency-Key`, so the system records it once however often it is sent.
 * A 4xx (the message is wrong, or its key was used for another one) ends the message's tries at once; a
 * timeout, a refused connection or a 5xx leaves it to the outbox's backoff.
 */
export function regionalSystemAdapter(runtime: IntegrationsRuntime): HealthSystemAdapter {
  return {
    id: 'lazio.regional-system',
    async send(message, ctx) {
      const path = REGIONAL_PATHS[message.type];
      if (!path) throw new PermanentDeliveryError(`the regional system takes no "${message.type}" message`);
      const res = await runtime.client('regionalSystem').request<Receipt>({
        method: 'POST',
        path,
        json: message.payload,
        idempotencyKey: message.idempotencyKey,
      });
      const reference = typeof res.body?.reference === 'string' ? res.body.reference : null;
      ctx.log.info({ type: message.type, reference, status: res.status, attempts: res.attempts }, 'taken by the regional system');
      return { reference };
    },
  };
}
