// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHttpClient, type HttpClient } from '@sigess/core/sdk';
import type { IntegrationSettings } from './settings';

/** Why an adapter cannot call its system here: retried later like an outage, so nothing recorded is lost meanwhile. */
export class NotConfiguredError extends Error {
  readonly retryable = true;
  constructor(system: string) {
    super(`${system}: no base URL configured (pluginSettings.lazio.integrations)`);
    this.name = 'NotConfiguredError';
  }
}

type System = 'regionalSystem' | 'anagrafeRoma';

/**
 * The HTTP clients of the two other systems, made when the plugin boots (settings known, simulators started)
 * and closed when it stops. The adapters are contributed at registration, before any of that, and ask this
 * holder at each call; until boot they answer "not configured".
 */
export class IntegrationsRuntime {
  private readonly clients = new Map<System, HttpClient>();
  private readonly urls = new Map<System, string>();

  /** Clients for the configured systems; `overrides` (the simulators' addresses) win over the settings. */
  configure(settings: IntegrationSettings, overrides: Partial<Record<System, string>> = {}): void {
    for (const system of ['regionalSystem', 'anagrafeRoma'] as const) {
      const { baseUrl, timeoutMs, retries, apiKey } = settings[system];
      const url = overrides[system] ?? baseUrl;
      if (!url) continue;
      this.urls.set(system, url);
      this.clients.set(
        system,
        createHttpClient({ baseUrl: url, timeoutMs, retries, headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {} }),
      );
    }
  }

  client(system: System): HttpClient {
    const client = this.clients.get(system);
    if (!client) throw new NotConfiguredError(system === 'regionalSystem' ? 'regional socio-health system' : "Roma's anagrafe");
    return client;
  }

  /** Where a system is reached, for the boot log. */
  url(system: System): string | null {
    return this.urls.get(system) ?? null;
  }

  async close(): Promise<void> {
    const clients = [...this.clients.values()];
    this.clients.clear();
    this.urls.clear();
    await Promise.all(clients.map((c) => c.close()));
  }
}
