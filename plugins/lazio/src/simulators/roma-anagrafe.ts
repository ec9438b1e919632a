// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomUUID } from 'node:crypto';
import type { Residente } from '../integrations/roma-anagrafe';
import { problem, startLoopback, type Handler, type LoopbackServer, type Outage } from './loopback';

type Resident = Omit<Residente, 'idOperazione'>;

const roma = (indirizzo: string, numeroCivico: string, cap: string): Resident['residenza'] => ({
  codiceIstatComune: '058091',
  codiceCatastaleComune: 'H501',
  indirizzo,
  numeroCivico,
  cap,
});

/**
 * A few residents of Roma, invented; their codici fiscali are computed from their data and valid (checked by
 * the plugin's tests with core's validator). One was born abroad, one in Napoli, one has died.
 */
export const ROMA_RESIDENTS: readonly Resident[] = [
  {
    codiceFiscale: 'BNCGLI48C52H501K',
    cognome: 'Bianchi',
    nome: 'Giulia',
    sesso: 'F',
    dataNascita: '1948-03-12',
    codiceCatastaleNascita: 'H501',
    residenza: roma('Via Tuscolana', '120', '00181'),
    dataDecesso: null,
  },
  {
    codiceFiscale: 'FRRMRC75S02H501P',
    cognome: 'Ferrari',
    nome: 'Marco',
    sesso: 'M',
    dataNascita: '1975-11-02',
    codiceCatastaleNascita: 'H501',
    residenza: roma('Via Prenestina', '45', '00176'),
    dataDecesso: null,
  },
  {
    codiceFiscale: 'SPSNNA39L65F839D',
    cognome: 'Esposito',
    nome: 'Anna',
    sesso: 'F',
    dataNascita: '1939-07-25',
    codiceCatastaleNascita: 'F839',
    residenza: roma('Viale Marconi', '8', '00146'),
    dataDecesso: null,
  },
  {
    codiceFiscale: 'MHMKRM90A15Z336D',
    cognome: 'Mahmoud',
    nome: 'Karim',
    sesso: 'M',
    dataNascita: '1990-01-15',
    codiceCatastaleNascita: 'Z336',
    residenza: roma('Via di Torpignattara', '77', '00177'),
    dataDecesso: null,
  },
  {
    codiceFiscale: 'RMNLGU32E30H501Y',
    cognome: 'Romano',
    nome: 'Luigi',
    sesso: 'M',
    dataNascita: '1932-05-30',
    codiceCatastaleNascita: 'H501',
    residenza: roma('Via Appia Nuova', '300', '00183'),
    dataDecesso: '2025-12-01',
  },
];

/** One lookup as the simulated anagrafe logged it: the purpose it was given, and its operation id. */
export interface LookupLog {
  readonly codiceFiscale: string;
  readonly purpose: string | null;
  readonly idOperazione: string;
  readonly found: boolean;
}

export interface RomaAnagrafeSimulator {
  readonly url: string;
  readonly lookups: readonly LookupLog[];
  outage(mode: Outage, options?: { slowMs?: number }): Promise<void>;
  close(): Promise<void>;
}

/**
 * Roma Capitale's anagrafe, simulated on loopback: `GET /v1/residenti/{codiceFiscale}` answers the resident or
 * 404; a purpose (`X-Purpose`) is required and logged with an operation id, as the real one is contracted to.
 */
export async function startRomaAnagrafeSimulator(
  options: { port?: number; apiKey?: string; residents?: readonly Resident[] } = {},
): Promise<RomaAnagrafeSimulator> {
  const residents = new Map((options.residents ?? ROMA_RESIDENTS).map((r) => [r.codiceFiscale, r]));
  const lookups: LookupLog[] = [];
  const server: LoopbackServer = await startLoopback((req): ReturnType<Handler> => {
    const match = /^\/v1\/residenti\/([^/?]+)$/.exec((req.url ?? '').split('?')[0] ?? '');
    if (!match) return problem(404, 'Not found');
    if (req.method !== 'GET') return { ...problem(405, 'Method not allowed'), headers: { allow: 'GET' } };
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) return problem(401, 'Unauthorized');
    const cf = decodeURIComponent(match[1] ?? '').toUpperCase();
    if (!/^[A-Z0-9]{16}$/.test(cf)) return problem(400, 'Invalid codice fiscale');
    const raw = req.headers['x-purpose'];
    const purpose = typeof raw === 'string' && raw ? decodeURIComponent(raw) : null;
    if (!purpose) return problem(400, 'Purpose required', 'X-Purpose: why the resident is looked up');
    const idOperazione = randomUUID();
    const resident = residents.get(cf);
    lookups.push({ codiceFiscale: cf, purpose, idOperazione, found: Boolean(resident) });
    if (!resident) return problem(404, 'Not a resident', undefined, { idOperazione });
    return { status: 200, body: { ...resident, idOperazione } satisfies Residente };
  }, options.port);
  return { url: server.url, lookups, outage: (mode, o) => server.outage(mode, o), close: () => server.close() };
}
