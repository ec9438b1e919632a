// SPDX-License-Identifier: AGPL-3.0-or-later
import { HealthSystemPort, PageSlots, PersonRegistryPort, type PluginRegistrar, type PluginRuntime } from '@sigess/core/sdk';
import { startRegionalSystemSimulator, type RegionalSystemSimulator } from '../simulators/regional-system';
import { startRomaAnagrafeSimulator, type RomaAnagrafeSimulator } from '../simulators/roma-anagrafe';
import { regionalSystemAdapter } from './regional-system';
import { romaAnagrafeAdapter } from './roma-anagrafe';
import { IntegrationsRuntime } from './runtime';
import type { IntegrationSettings } from './settings';
import { REGIONAL_ACCESS_SLOT } from './slots';

export { integrationSettings } from './settings';

/** What boot starts and shutdown stops, kept in the plugin's own container between the two. */
interface Integrations {
  readonly runtime: IntegrationsRuntime;
  simulators: { regional: RegionalSystemSimulator; anagrafe: RomaAnagrafeSimulator } | null;
}
/** A string token: the plugin imports nothing but the SDK. */
const INTEGRATIONS = 'lazio.integrations';

/**
 * The regional socio-health system (`HealthSystemPort`, through core's outbox) and Roma's anagrafe
 * (`PersonRegistryPort`); what the first has received shows on the pages of what was sent.
 */
export function registerIntegrations(p: PluginRegistrar): void {
  const integrations: Integrations = { runtime: new IntegrationsRuntime(), simulators: null };
  p.container.registerInstance(INTEGRATIONS, integrations);
  p.implement(HealthSystemPort, regionalSystemAdapter(integrations.runtime));
  p.implement(PersonRegistryPort, romaAnagrafeAdapter(integrations.runtime));
  p.contribute(PageSlots, REGIONAL_ACCESS_SLOT);
}

/** The simulators, when the settings ask for them, then the HTTP clients of both systems. */
export async function bootIntegrations(p: PluginRuntime<{ integrations: IntegrationSettings }>): Promise<void> {
  const integrations = p.container.resolve<Integrations>(INTEGRATIONS);
  const settings = p.settings.integrations;
  if (settings.simulate) {
    const regional = await startRegionalSystemSimulator({ apiKey: settings.regionalSystem.apiKey });
    const anagrafe = await startRomaAnagrafeSimulator({ apiKey: settings.anagrafeRoma.apiKey });
    integrations.simulators = { regional, anagrafe };
    p.log.warn({ regionalSystem: regional.url, anagrafeRoma: anagrafe.url }, 'lazio: simulated regional system and anagrafe on loopback');
  }
  integrations.runtime.configure(settings, {
    ...(integrations.simulators
      ? { regionalSystem: integrations.simulators.regional.url, anagrafeRoma: integrations.simulators.anagrafe.url }
      : {}),
  });
}

export async function shutdownIntegrations(p: PluginRuntime): Promise<void> {
  const integrations = p.container.resolve<Integrations>(INTEGRATIONS);
  await integrations.runtime.close();
  await integrations.simulators?.regional.close();
  await integrations.simulators?.anagrafe.close();
  integrations.simulators = null;
}

/** The running simulators (tests and the demo's checks), or null when the settings did not ask for them. */
export function simulatorsOf(p: { container: PluginRegistrar['container'] }): Integrations['simulators'] {
  return p.container.resolve<Integrations>(INTEGRATIONS).simulators;
}
