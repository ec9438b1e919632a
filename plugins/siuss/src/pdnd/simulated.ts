// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { VOUCHER_ALGORITHMS, VOUCHER_TYPE } from './voucher';

/** The simulated authority's `iss`: nothing PDND would ever issue. */
export const SIMULATED_ISSUER = 'pdnd.simulated.sigess';
/** The audience of the simulated WaaS e-service. */
export const SIMULATED_AUDIENCE = 'sigess-waas-simulated';
/** The one client the simulated e-service lets in: INPS, as the demo's audit log names it (`service:inps-simulated`). */
export const SIMULATED_INPS_CLIENT = 'inps-simulated';

export interface VoucherRequest {
  readonly clientId: string;
  readonly audience: string;
  readonly purposeId?: string;
  /** Lifetime in seconds; default 600, as PDND's usual voucher. */
  readonly ttlSeconds?: number;
  /** When it was issued; default now. An hour ago with the default lifetime makes an expired voucher. */
  readonly issuedAt?: Date;
  /** For tests of what the e-service refuses: another `iss`, another `typ` (an ID token's `JWT`, say). */
  readonly issuer?: string;
  readonly typ?: string;
}

/**
 * A stand-in for PDND's authorization server, for tests and the demo: an RSA key pair generated at boot (never
 * stored), its public half served as a JSON Web Key Set on loopback (`jwksUrl`), and vouchers shaped as PDND's
 * (`typ: at+jwt`, RS256, `client_id`, `purposeId`, `sub`, `jti`). The e-service checks them with the real JWKS
 * verifier pointed at `jwksUrl`, so what the tests exercise is the production path.
 */
export interface SimulatedAuthority {
  readonly jwksUrl: string;
  readonly issuer: string;
  issueVoucher(request: VoucherRequest): Promise<string>;
  close(): Promise<void>;
}

export async function startSimulatedAuthority(options: { readonly issuer?: string } = {}): Promise<SimulatedAuthority> {
  const [alg] = VOUCHER_ALGORITHMS as [string];
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const kid = randomUUID();
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }] });
  const issuer = options.issuer ?? SIMULATED_ISSUER;
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/.well-known/jwks.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(jwks);
    } else {
      res.writeHead(404, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404 }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    issuer,
    async issueVoucher(request) {
      const iat = Math.floor((request.issuedAt ?? new Date()).getTime() / 1000);
      return new SignJWT({ client_id: request.clientId, ...(request.purposeId ? { purposeId: request.purposeId } : {}) })
        .setProtectedHeader({ alg, kid, typ: request.typ ?? VOUCHER_TYPE })
        .setIssuer(request.issuer ?? issuer)
        .setAudience(request.audience)
        .setSubject(request.clientId)
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(iat + (request.ttlSeconds ?? 600))
        .setJti(randomUUID())
        .sign(privateKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
