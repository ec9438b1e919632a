// SPDX-License-Identifier: AGPL-3.0-or-later
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';

/** What a valid voucher tells about its bearer. */
export interface VoucherClaims {
  /** The PDND client the voucher was issued to (`client_id`): INPS's, for the WaaS e-service. */
  readonly clientId: string;
  /** The purpose (finalità) the consumer declared at PDND for this use of the e-service. */
  readonly purposeId?: string;
}

/**
 * Checks a PDND voucher (the `Authorization: Bearer` access token) an e-service receives: `null` when it is not
 * one this e-service accepts (bad signature, issuer, audience, type or algorithm, expired, another client).
 * Throws `VoucherAuthorityUnavailable` when the authority's keys cannot be fetched: the caller answers 503 and
 * the consumer retries, instead of a 401 that would look like its own fault.
 */
export interface VoucherVerifier {
  verify(token: string): Promise<VoucherClaims | null>;
}

export class VoucherAuthorityUnavailable extends Error {
  constructor(cause: unknown) {
    super('the voucher authority’s keys could not be fetched', { cause });
    this.name = 'VoucherAuthorityUnavailable';
  }
}

/** PDND signs vouchers with RS256 and types them `at+jwt` (RFC 9068); nothing else is accepted. */
export const VOUCHER_ALGORITHMS = ['RS256'];
export const VOUCHER_TYPE = 'at+jwt';
/** Seconds of clock skew tolerated on `exp`, `nbf` and `iat` between PDND and this server. */
export const CLOCK_TOLERANCE_SECONDS = 30;

export interface JwksVerifierOptions {
  /** PDND's published keys: `https://interop.pagopa.it/.well-known/jwks.json` in production. */
  readonly jwksUrl: string;
  /** `iss` of the vouchers: `interop.pagopa.it` in production, `uat.interop.pagopa.it` in the test environment. */
  readonly issuer: string;
  /** `aud`: the audience configured on the e-service at PDND (one per e-service: several when several are served). */
  readonly audience: string | readonly string[];
  /** The PDND client ids allowed in (`client_id`): INPS's. Any other consumer's voucher is refused. */
  readonly allowedClients: readonly string[];
  /** How long to wait for the keys; default 5 s. */
  readonly timeoutMs?: number;
}

/** The error codes that say the keys could not be had (timeout, an answer that is no key set), not that the voucher is bad. */
const UNAVAILABLE = new Set([errors.JWKSTimeout.code, errors.JWKSInvalid.code, errors.JOSEError.code]);

/**
 * The real verifier: the voucher's signature against the authority's JSON Web Key Set (fetched over HTTP, cached
 * ten minutes, fetched again at most every 30 s when a voucher names a key it lacks: PDND rotates its keys),
 * then issuer, audience, algorithm, type, expiry (with a small tolerance), and the client among those allowed.
 */
export function jwksVoucherVerifier(options: JwksVerifierOptions): VoucherVerifier {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl), {
    timeoutDuration: options.timeoutMs ?? 5_000,
    cooldownDuration: 30_000,
    cacheMaxAge: 10 * 60_000,
  });
  const audience = typeof options.audience === 'string' ? [options.audience] : [...options.audience];
  const allowed = new Set(options.allowedClients);
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, keys, {
          issuer: options.issuer,
          audience,
          algorithms: VOUCHER_ALGORITHMS,
          typ: VOUCHER_TYPE,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ['exp', 'iat', 'client_id'],
        });
        const clientId = payload.client_id;
        if (typeof clientId !== 'string' || !allowed.has(clientId)) return null;
        const purposeId = payload.purposeId;
        return typeof purposeId === 'string' ? { clientId, purposeId } : { clientId };
      } catch (error) {
        // A network failure is no JOSE error; a JOSE error with a specific code is about the voucher itself.
        if (!(error instanceof errors.JOSEError) || UNAVAILABLE.has(error.code)) throw new VoucherAuthorityUnavailable(error);
        return null;
      }
    },
  };
}
