// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RequestCtx } from '@sigess/core/sdk';
import type { FlowKind } from '../model';

/** A database handle: a request's, or a job's inside `withEm` (row-level security applies to both). */
export type Db = RequestCtx['em'];

/** A published flusso as the WaaS e-service serves it. */
export interface PublishedFlusso {
  readonly idFlusso: string;
  readonly tipo: FlowKind;
  readonly tsMs: number;
  readonly xml: string;
}

/**
 * The ente's flussi published after `sinceMs`, oldest first: INPS's `GET /flussi?since&limit`. `ts_ms` is strictly
 * increasing per ente and assigned under a row lock held until commit (see `nextFlussoId`), so a flusso committed
 * later never carries an earlier timestamp: a cursor never skips one.
 */
export async function flussiSince(db: Db, enteOrgId: string, sinceMs: number, limit: number): Promise<PublishedFlusso[]> {
  const rows = await db.execute<{ idFlusso: string; tipo: FlowKind; tsMs: string; xml: string }[]>(
    `select id_flusso as "idFlusso", tipo, ts_ms::text as "tsMs", xml from plg_siuss.flusso
     where ente_org_id = ? and ts_ms > ? and channel = 'waas' order by ts_ms limit ?`,
    [enteOrgId, sinceMs, limit],
  );
  return rows.map((r) => ({ ...r, tsMs: Number(r.tsMs) }));
}

/** An esito as INPS posts it (`POST /esiti`) or as a file of esiti carries it. */
export interface Esito {
  readonly id_flusso: string;
  readonly tipo: string;
  readonly ts_flusso: string;
  readonly ts_acquisizione: string;
  readonly codice_esito: 'OK' | 'DATI_NON_TROVATI' | 'RICHIESTA_INVALIDA' | 'ERRORE_GENERICO';
  readonly descrizione_esito?: string;
  readonly id_acquisizione_siuss?: string;
}

export interface EsitiOutcome {
  /** Esiti recorded on a flusso of this ente (a repeated esito overwrites the same row: INPS may resend). */
  readonly applied: number;
  /** Esiti naming a flusso this ente never published: logged, not an error (INPS would otherwise resend forever). */
  readonly unknown: readonly string[];
}

/**
 * Records esiti on the ente's flussi and moves each record whose latest flusso they answer: an OK insertion →
 * accepted (with SIUSS's acquisition id); an OK or "data not found" cancellation → withdrawn; anything else →
 * rejected, with INPS's reason shown to the operator until the record is fixed and published again. An esito of
 * an older flusso of the record (the cancellation before a correction) stays on that flusso only.
 */
export async function applyEsiti(db: Db, enteOrgId: string, esiti: readonly Esito[]): Promise<EsitiOutcome> {
  let applied = 0;
  const unknown: string[] = [];
  for (const e of esiti) {
    const [row] = await db.execute<{ recordId: string; operation: 'I' | 'C'; latest: boolean }[]>(
      `update plg_siuss.flusso f set esito = ?, esito_description = ?, id_acquisizione_siuss = ?, ts_acquisizione = ?::timestamptz,
              esito_received_at = now()
       where f.id_flusso = ? and f.ente_org_id = ?
       returning f.record_id::text as "recordId", f.operation,
                 (select r.last_flusso = f.id_flusso from plg_siuss.record r where r.id = f.record_id) as latest`,
      [
        e.codice_esito,
        e.descrizione_esito ?? null,
        e.codice_esito === 'OK' ? (e.id_acquisizione_siuss ?? null) : null,
        e.ts_acquisizione,
        e.id_flusso,
        enteOrgId,
      ],
    );
    if (!row) {
      unknown.push(e.id_flusso);
      continue;
    }
    applied += 1;
    if (!row.latest) continue;
    const status =
      row.operation === 'C'
        ? e.codice_esito === 'OK' || e.codice_esito === 'DATI_NON_TROVATI'
          ? 'withdrawn'
          : 'rejected'
        : e.codice_esito === 'OK'
          ? 'accepted'
          : 'rejected';
    await db.execute(
      `update plg_siuss.record set status = ?, acquired = acquired or ?, updated_at = now()
       where id = ? and status in ('sent', 'accepted', 'rejected', 'withdrawn')`,
      [status, row.operation === 'I' && e.codice_esito === 'OK', row.recordId],
    );
  }
  return { applied, unknown };
}

/** The comune that sends for an organization: itself or its nearest ancestor with a Belfiore code. */
export interface EnteOrganization {
  readonly id: string;
  readonly name: string;
  readonly belfioreCode: string;
  readonly taxCode: string | null;
}

/** The organization as an ente when it has a Belfiore code itself (the WaaS e-service is published per ente). */
export async function enteByBelfiore(db: Db, belfiore: string): Promise<EnteOrganization | null> {
  const [row] = await db.execute<EnteOrganization[]>(
    `select id::text as id, name, belfiore_code as "belfioreCode", tax_code as "taxCode"
     from core.organization where belfiore_code = ? order by created_at limit 1`,
    [belfiore],
  );
  return row ?? null;
}
