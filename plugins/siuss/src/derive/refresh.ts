// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomInt } from 'node:crypto';
import { CatalogueEntries, type CatalogueEntry, type ExtensionView } from '@sigess/core/sdk';
import type { RecordIssue } from '../model';
import { validateEnte, validatePs, validateSinba } from '../validation';
import type { Db } from '../store/flussi';
import { saveRecord, unwantRecords } from '../store/records';
import { buildPsRecord } from './ps';
import { buildSinbaRecord } from './sinba';
import { enteOf, GRANTED_STATES, interventionSources, minorSources, type EnteSource } from './sources';

export interface RefreshScope {
  /** Only these interventions (by id) or minors' cartelle (by id); everything of the organization when absent. */
  readonly interventions?: readonly string[];
  readonly cartelle?: readonly string[];
}

export interface RefreshOutcome {
  readonly changed: number;
  readonly unwanted: number;
}

const GRANTED: ReadonlySet<string> = new Set(GRANTED_STATES);

/** The ente header's problems belong to every record it would send: none goes out under an incomplete ente. */
function enteIssues(ente: EnteSource | null): RecordIssue[] {
  if (!ente) return [{ field: 'Ente/Codice', message: 'siuss:records.noEnte', fix: 'organization' }];
  return validateEnte(enteHeader(ente));
}

export function enteHeader(ente: EnteSource): { Codice: string; Denominazione: string; Indirizzo: string; CFOperatore: string } {
  return {
    Codice: ente.belfioreCode,
    Denominazione: ente.name.slice(0, 100),
    Indirizzo: ente.belfioreCode,
    CFOperatore: ente.taxCode ?? '',
  };
}

/**
 * The entry's own Italian name, for a code INPS's table lacks. Never the request's translation: the record's data
 * must not depend on who rebuilt it (an English UI would otherwise publish a "correction").
 */
function nameOf(entry: CatalogueEntry): string {
  return entry.label?.it ?? entry.code;
}

/** A new SINBA pseudonym: 16 characters from an alphabet without look-alikes, never derived from the person. */
function newPseudonym(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let id = '';
  for (let i = 0; i < 16; i++) id += alphabet[randomInt(alphabet.length)];
  return id;
}

async function pseudonymOf(db: Db, enteOrgId: string, personId: string): Promise<string> {
  const [existing] = await db.execute<{ pseudonym: string }[]>(
    'select pseudonym from plg_siuss.sinba_pseudonym where ente_org_id = ? and person_id = ?',
    [enteOrgId, personId],
  );
  if (existing) return existing.pseudonym;
  const [created] = await db.execute<{ pseudonym: string }[]>(
    `insert into plg_siuss.sinba_pseudonym (ente_org_id, person_id, pseudonym) values (?, ?, ?)
     on conflict (ente_org_id, person_id) do update set pseudonym = plg_siuss.sinba_pseudonym.pseudonym returning pseudonym`,
    [enteOrgId, personId, newPseudonym()],
  );
  return created!.pseudonym;
}

/**
 * Rebuilds the SIUSS records the organization's own interventions and minors' cartelle imply (all of them, or
 * the ones named), in the caller's transaction: PS/PSA (with SINA) per granted intervention whose service has an
 * INPS code, SINBA per minor's cartella; each with its pre-validation issues. Nothing here ever refuses an
 * operator's work: a record that cannot be sent waits, incomplete, until its data is fixed.
 */
export async function refreshRecords(
  db: Db,
  organizationId: string,
  extensions: ExtensionView,
  scope: RefreshScope = {},
  today: string,
): Promise<RefreshOutcome> {
  const ente = await enteOf(db, organizationId);
  const header = enteIssues(ente);
  const entries = new Map(extensions.keyed(CatalogueEntries).map((e) => [e.code, e]));
  let changed = 0;
  let unwanted = 0;
  const partial = scope.interventions !== undefined || scope.cartelle !== undefined;

  if (!partial || scope.interventions) {
    const kept: string[] = [];
    for (const source of await interventionSources(db, organizationId, scope.interventions)) {
      const entry = entries.get(source.entryCode);
      if (!GRANTED.has(source.state) || !entry?.inpsCode) continue;
      kept.push(source.id);
      const data = buildPsRecord(source, entry, nameOf(entry));
      const issues = [...header, ...validatePs(data)];
      if (
        await saveRecord(db, {
          kind: 'PS_PSA_SINA',
          sourceId: source.id,
          ownerOrgId: source.ownerOrgId,
          enteOrgId: ente?.id ?? null,
          cartellaId: source.cartellaId,
          personId: source.personId,
          referenceDate: source.decisionOn ?? source.periodFrom,
          data,
          issues,
        })
      )
        changed += 1;
    }
    unwanted += await unwantRecords(db, 'PS_PSA_SINA', organizationId, kept, scope.interventions);
  }

  if (!partial || scope.cartelle) {
    const kept: string[] = [];
    for (const source of await minorSources(db, organizationId, scope.cartelle)) {
      if (!ente) continue;
      kept.push(source.id);
      const codes = source.entryCodes.map((code) => entries.get(code)?.inpsCode).filter((c): c is string => !!c);
      const data = buildSinbaRecord(source, await pseudonymOf(db, ente.id, source.personId), codes, today);
      const issues = [...header, ...validateSinba(data)];
      if (
        await saveRecord(db, {
          kind: 'SINBA',
          sourceId: source.id,
          ownerOrgId: source.ownerOrgId,
          enteOrgId: ente.id,
          cartellaId: source.id,
          personId: source.personId,
          referenceDate: source.openedOn,
          data,
          issues,
        })
      )
        changed += 1;
    }
    unwanted += await unwantRecords(db, 'SINBA', organizationId, kept, scope.cartelle);
  }
  return { changed, unwanted };
}
