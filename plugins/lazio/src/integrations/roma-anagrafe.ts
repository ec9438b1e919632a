// SPDX-License-Identifier: AGPL-3.0-or-later
import { HttpStatusError, type PersonRegistryAdapter, type RegistryPerson } from '@sigess/core/sdk';
import type { IntegrationsRuntime } from './runtime';

/** A resident as Roma's anagrafe answers (contracts/roma-anagrafe.openapi.yaml). */
export interface Residente {
  readonly codiceFiscale: string;
  readonly cognome: string;
  readonly nome: string;
  readonly sesso: 'M' | 'F';
  readonly dataNascita: string;
  readonly codiceCatastaleNascita: string | null;
  readonly residenza: {
    readonly codiceIstatComune: string;
    readonly codiceCatastaleComune: string;
    readonly indirizzo: string | null;
    readonly numeroCivico: string | null;
    readonly cap: string | null;
  } | null;
  readonly dataDecesso: string | null;
  readonly idOperazione: string;
}

/** The anagrafe's answer in the registry port's terms. */
export function fromResidente(r: Residente): RegistryPerson {
  return {
    surname: r.cognome,
    name: r.nome,
    birthDate: r.dataNascita,
    sex: r.sesso,
    birthPlaceCode: r.codiceCatastaleNascita,
    residenceIstat: r.residenza?.codiceIstatComune ?? null,
    residence: r.residenza
      ? {
          comuneCode: r.residenza.codiceCatastaleComune,
          street: r.residenza.indirizzo,
          houseNumber: r.residenza.numeroCivico,
          postcode: r.residenza.cap,
        }
      : null,
    deceasedDate: r.dataDecesso,
    reference: r.idOperazione,
  };
}

/** Codes only: anything else never reaches the other side's URL. */
const CF = /^[A-Z0-9]{16}$/;

/**
 * `PersonRegistryPort` on Roma Capitale's anagrafe: one GET per codice fiscale, with the purpose the operator
 * gave (`X-Purpose`, which the anagrafe logs with its operation id). 404 means "not a resident": null.
 */
export function romaAnagrafeAdapter(runtime: IntegrationsRuntime): PersonRegistryAdapter {
  return {
    id: 'lazio.anagrafe-roma',
    async lookup(codiceFiscale, ctx, options) {
      const cf = codiceFiscale.trim().toUpperCase();
      if (!CF.test(cf)) return null;
      try {
        const res = await runtime.client('anagrafeRoma').request<Residente>({
          method: 'GET',
          path: `/v1/residenti/${encodeURIComponent(cf)}`,
          // Percent-encoded UTF-8: a purpose is words ("verifica residenza", "presa in carico"), and headers are ASCII.
          headers: {
            'x-purpose': encodeURIComponent((options?.purpose ?? 'verifica anagrafica').slice(0, 200)),
            'x-request-id': ctx.requestId,
          },
        });
        return fromResidente(res.body);
      } catch (error) {
        if (error instanceof HttpStatusError && error.status === 404) return null;
        throw error;
      }
    },
  };
}
