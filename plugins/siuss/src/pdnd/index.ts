// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * PDND (Piattaforma Digitale Nazionale Dati, the interoperability platform): the vouchers a consumer presents
 * to the e-services SIGeSS publishes. A port with two implementations, chosen by the plugin's settings: the
 * real JWKS verifier, and a simulated authority (tests, demo) whose vouchers the same verifier checks.
 */
export {
  jwksVoucherVerifier,
  VoucherAuthorityUnavailable,
  type JwksVerifierOptions,
  type VoucherClaims,
  type VoucherVerifier,
} from './voucher';
export {
  SIMULATED_AUDIENCE,
  SIMULATED_INPS_CLIENT,
  SIMULATED_ISSUER,
  startSimulatedAuthority,
  type SimulatedAuthority,
  type VoucherRequest,
} from './simulated';
