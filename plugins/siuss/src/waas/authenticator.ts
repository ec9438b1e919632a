// SPDX-License-Identifier: AGPL-3.0-or-later
import { HttpError, type ServiceAuthenticator } from '@sigess/core/sdk';
import { enteByBelfiore } from '../store/flussi';
import { VoucherAuthorityUnavailable, type SimulatedAuthority, type VoucherVerifier } from '../pdnd';
import { waasSettings, type WaasSettings } from './settings';

/** The e-service's paths, below the plugin's `/p/siuss`: `/waas/<Belfiore code>/v1/…`, one e-service per ente. */
export const WAAS_PREFIX = '/waas/';
/** The role the e-service's client acts with (declared in the manifest); it holds `siuss.waas`. */
export const INPS_ROLE = 'siuss-inps';
export const WAAS_PERMISSION = 'siuss.waas';
/** A Belfiore code as the contract's `codice_ente` has it. */
export const BELFIORE = /^[A-Z][0-9]{3}$/;

/** What boot sets up from the settings and shutdown releases, shared by the authenticator and the routes. */
export interface WaasRuntime {
  settings: WaasSettings;
  verifier: VoucherVerifier | null;
  /** The simulated authority, in `simulated` mode only. */
  authority: SimulatedAuthority | null;
}

export function newWaasRuntime(): WaasRuntime {
  return { settings: waasSettings.parse(undefined), verifier: null, authority: null };
}

/**
 * INPS calls `/p/siuss/waas/<ente>/v1/…` with a PDND voucher: the request acts in the ente's organization as
 * `siuss-inps`, named `service:<PDND client id>` in the audit log with the voucher's `purposeId` as purpose. No voucher, or one PDND did not issue to an
 * allowed client for this e-service: 401. A voucher that checks out for an ente SIGeSS does not serve: 404.
 * The e-service turned off in the settings: 404 for everything under it.
 */
export function waasAuthenticator(runtime: WaasRuntime): ServiceAuthenticator {
  return {
    id: 'siuss.waas',
    prefix: WAAS_PREFIX,
    role: INPS_ROLE,
    async authenticate({ authorization, path, em }) {
      const { verifier } = runtime;
      if (!runtime.settings.enabled || !verifier) throw HttpError.notFound();
      const token = /^Bearer +([A-Za-z0-9._~+/-]+=*)$/i.exec(authorization ?? '')?.[1];
      if (!token) return null;
      let claims;
      try {
        claims = await verifier.verify(token);
      } catch (error) {
        if (error instanceof VoucherAuthorityUnavailable)
          throw new HttpError(503, 'core:errors.503.title', undefined, [], 'siuss:waas.problems.pdndUnavailable');
        throw error;
      }
      if (!claims) return null;
      const belfiore = /^\/waas\/([^/]+)\//.exec(path)?.[1] ?? '';
      const ente = BELFIORE.test(belfiore) ? await enteByBelfiore(em, belfiore) : null;
      if (!ente) throw new HttpError(404, 'core:errors.404.title', undefined, [], 'siuss:waas.problems.unknownEnte');
      // The finalità INPS declared at PDND for this access goes into every audit entry of the request.
      return { clientId: claims.clientId, organizationId: ente.id, ...(claims.purposeId ? { purpose: claims.purposeId } : {}) };
    },
  };
}
