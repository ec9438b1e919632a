// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';

export type PlaceKind = 'comune' | 'foreign-state';

/** A comune or a foreign state: where a person may be born, live or hold citizenship. */
export interface Place {
  readonly kind: PlaceKind;
  /** Cadastral code: `H501` for a comune, `Z112` for a foreign state; what the codice fiscale carries. */
  readonly belfioreCode: string;
  /** ISTAT code of a current comune; null for ceased comuni and foreign states. */
  readonly istatCode: string | null;
  readonly name: string;
  /** Province abbreviation (sigla) of a comune; null for foreign states. */
  readonly province: string | null;
  /** YYYY-MM-DD: start of the one record the source keeps (the place may be older); null when unknown. */
  readonly validFrom: string | null;
  /** YYYY-MM-DD: first day it no longer exists; null while it exists. */
  readonly validTo: string | null;
}

export interface PlaceSearch {
  /** YYYY-MM-DD: only places that had not ceased by then (a birth date, say); all places when absent. */
  readonly on?: string;
  /** At most this many places (1–50; 20 when absent). */
  readonly limit?: number;
}

interface PlaceRow {
  kind: PlaceKind;
  belfiore_code: string;
  istat_code: string | null;
  name: string;
  province: string | null;
  valid_from: string | null;
  valid_to: string | null;
}

/** Both tables as one: dates as text, as the pg driver would turn a date into a Date at local midnight. */
const PLACES = `(
  select 'comune' as kind, belfiore_code, istat_code, name, province_abbreviation as province,
         valid_from, valid_to, search_name
  from core.municipality
  union all
  select 'foreign-state', belfiore_code, null, name, null, valid_from, valid_to, search_name
  from core.foreign_state
) p`;

const COLUMNS = 'p.kind, p.belfiore_code, p.istat_code, p.name, p.province, p.valid_from::text as valid_from, p.valid_to::text as valid_to';

const BELFIORE_CODE = /^[A-Z][0-9]{3}$/;
const ISTAT_CODE = /^[0-9]{6}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function toPlace(row: PlaceRow): Place {
  return {
    kind: row.kind,
    belfioreCode: row.belfiore_code,
    istatCode: row.istat_code,
    name: row.name,
    province: row.province,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  };
}

/**
 * Looks up comuni and foreign states (core.municipality, core.foreign_state:
 * reference data loaded by the territory migration). Stateless; every method
 * works in the caller's EntityManager, so in the caller's transaction.
 */
export class TerritoryService {
  /**
   * Places by name (accents, case and punctuation aside: "forli" finds Forlì)
   * or by exact code (H501, Z112, 058091). Names match whole, by prefix, by
   * the prefix of any word ("bozen" finds Bolzano/Bozen) or, failing that, by
   * trigram similarity (typos). Current places come before ceased ones.
   *
   * With `on`, places that had ceased by that day are left out. A valid_from
   * after `on` only ranks a place lower: the source keeps one record per code,
   * often starting at the last change of province, so many comuni are older
   * than their valid_from (Agnone's record starts in 1970, the comune centuries before).
   */
  async searchPlaces(em: EntityManager, q: string, options: PlaceSearch = {}): Promise<Place[]> {
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? 20), 1), 50);
    const on = options.on ?? null;
    if (on !== null && !DATE.test(on)) throw new Error(`searchPlaces: "${on}" is not a YYYY-MM-DD date`);
    const text = q.trim();
    const code = text.toUpperCase();
    const when = on === null ? '' : 'and (p.valid_to is null or p.valid_to > ?::date)';
    const whenParams = on === null ? [] : [on];
    // Codes are looked up exactly: a name never looks like one.
    if (BELFIORE_CODE.test(code) || ISTAT_CODE.test(code)) {
      const rows = await em.execute<PlaceRow[]>(
        `select ${COLUMNS} from ${PLACES} where ${ISTAT_CODE.test(code) ? 'p.istat_code' : 'p.belfiore_code'} = ? ${when}
         order by p.valid_to is null desc, p.valid_to desc limit ?`,
        [code, ...whenParams, limit],
      );
      return rows.map(toPlace);
    }
    // The key is computed by the same SQL function as the stored search_name, and holds only
    // [a-z0-9 ]: nothing in it can act as a LIKE wildcard.
    const rows = await em.execute<PlaceRow[]>(
      `select ${COLUMNS}
       from ${PLACES}, (select core.place_search_key(?) as key) k
       where k.key <> ''
         and (p.search_name like k.key || '%' or p.search_name like '% ' || k.key || '%' or p.search_name operator(public.%) k.key)
         ${when}
       order by case when p.search_name = k.key then 0
                     when p.search_name like k.key || '%' then 1
                     when p.search_name like '% ' || k.key || '%' then 2
                     else 3 end,
                ${on === null ? '' : '(p.valid_from is null or p.valid_from <= ?::date) desc,'}
                p.valid_to is null desc,
                public.similarity(p.search_name, k.key) desc, p.name, p.belfiore_code
       limit ?`,
      [text, ...whenParams, ...whenParams, limit],
    );
    return rows.map(toPlace);
  }

  /** A comune or foreign state by cadastral code (current or ceased); null when there is none. */
  async byBelfiore(em: EntityManager, code: string): Promise<Place | null> {
    const wanted = code.trim().toUpperCase();
    if (!BELFIORE_CODE.test(wanted)) return null;
    const [row] = await em.execute<PlaceRow[]>(`select ${COLUMNS} from ${PLACES} where p.belfiore_code = ?`, [wanted]);
    return row ? toPlace(row) : null;
  }

  /** The current comune with this ISTAT code; null when there is none. */
  async comuneByIstat(em: EntityManager, code: string): Promise<Place | null> {
    const wanted = code.trim();
    if (!ISTAT_CODE.test(wanted)) return null;
    const [row] = await em.execute<PlaceRow[]>(`select ${COLUMNS} from ${PLACES} where p.istat_code = ? and p.valid_to is null`, [wanted]);
    return row ? toPlace(row) : null;
  }
}
