// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineKeyedPoint } from '../extension-point';

/** What the identity provider reports about the person who signed in. */
export interface ExternalIdentity {
  /** Stable subject at the provider (for SPID/CIE: the fiscal number, `TINIT-…`). */
  readonly subject: string;
  readonly displayName?: string;
}

/**
 * A way to sign in besides local accounts (SPID or CIE over OpenID Connect).
 * The login page offers a button per provider; `begin` sends the browser to
 * the provider, `complete` checks what comes back on `/login/<id>/callback`.
 * The identity is linked to an operator account by an administrator
 * (core.operator_identity); an unknown identity is refused.
 */
export interface AuthProvider {
  /** `<plugin id>.<name>`, e.g. `spid.oidc`. */
  readonly id: string;
  readonly labelKey: string;
  /** The URL to send the browser to; `returnUrl` is this installation's callback for the provider. */
  begin(input: { readonly returnUrl: string; readonly state: string }): Promise<string>;
  /** The identity from the callback's query, or null when it does not check out. */
  complete(input: {
    readonly query: Readonly<Record<string, string | string[] | undefined>>;
    readonly state: string;
  }): Promise<ExternalIdentity | null>;
}
export const AuthProviders = defineKeyedPoint<AuthProvider>('sigess.auth-providers', (p) => p.id);
