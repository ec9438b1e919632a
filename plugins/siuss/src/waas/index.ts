// SPDX-License-Identifier: AGPL-3.0-or-later
import { MenuItems, ServiceAuthenticators, type PluginRegistrar, type PluginRuntime } from '@sigess/core/sdk';
import { SIMULATED_AUDIENCE, SIMULATED_INPS_CLIENT, jwksVoucherVerifier, startSimulatedAuthority } from '../pdnd';
import { newWaasRuntime, waasAuthenticator, type WaasRuntime } from './authenticator';
import { WAAS_ADMIN_PERMISSION, registerWaasAdmin } from './admin';
import { registerWaasRoutes } from './routes';
import { waasSettings, type WaasSettings } from './settings';

export { waasSettings, type WaasSettings } from './settings';
export { parseFlussiQuery } from './routes';

/** A string token: the plugin imports nothing but the SDK. */
const WAAS = 'siuss.waas';

/**
 * The WaaS e-service INPS calls through PDND (`schemas/api-comuni.yaml`): the service authenticator that checks
 * its vouchers, the e-service's routes under `/p/siuss/waas/<ente>/v1`, and the system administrators' page.
 */
export function registerWaas(p: PluginRegistrar): void {
  const runtime = newWaasRuntime();
  p.container.registerInstance(WAAS, runtime);
  p.contribute(ServiceAuthenticators, waasAuthenticator(runtime));
  p.routes((r) => {
    registerWaasRoutes(r);
    registerWaasAdmin(r, runtime);
  });
  p.contribute(MenuItems, {
    id: 'siuss.waas',
    menu: 'main',
    labelKey: 'siuss:waas.menu',
    route: 'siuss.waas.admin',
    permission: WAAS_ADMIN_PERMISSION,
    position: 850,
    icon: 'it-key',
  });
}

/** The voucher verifier the settings ask for; in simulated mode, the local authority first, then the same verifier on its keys. */
export async function bootWaas(p: PluginRuntime<{ readonly waas?: WaasSettings }>): Promise<void> {
  const runtime = p.container.resolve<WaasRuntime>(WAAS);
  const settings = p.settings.waas ?? waasSettings.parse(undefined);
  runtime.settings = settings;
  if (!settings.enabled) return;
  if (settings.pdnd.mode === 'jwks') {
    runtime.verifier = jwksVoucherVerifier(settings.pdnd);
    return;
  }
  runtime.authority = await startSimulatedAuthority();
  runtime.verifier = jwksVoucherVerifier({
    jwksUrl: runtime.authority.jwksUrl,
    issuer: runtime.authority.issuer,
    audience: SIMULATED_AUDIENCE,
    allowedClients: [SIMULATED_INPS_CLIENT],
  });
  p.log.warn(
    { jwks: runtime.authority.jwksUrl },
    'siuss: the WaaS e-service accepts vouchers of a SIMULATED PDND authority (tests and demo only, never in production)',
  );
}

export async function shutdownWaas(p: PluginRuntime): Promise<void> {
  const runtime = p.container.resolve<WaasRuntime>(WAAS);
  await runtime.authority?.close();
  runtime.authority = null;
  runtime.verifier = null;
}

/** The running simulated authority (tests, the demo's checks), or null outside simulated mode. */
export function simulatedAuthorityOf(p: { container: PluginRegistrar['container'] }): WaasRuntime['authority'] {
  return p.container.resolve<WaasRuntime>(WAAS).authority;
}
