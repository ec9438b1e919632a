// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import type { FieldError } from '../../sdk/errors';
import { TerritoryService, type Place, type PlaceKind } from '../territory';
import { validateCodiceFiscale } from './identity-codes';
import { localToday } from '../../sdk/local-time';

/**
 * The person form's place fields (birth place, comune of residence and of domicile): what the operator
 * types — a cadastral code, or a name — resolved to the cadastral code the record stores, and the code
 * shown back as a name. The JSON API takes codes only (clients look names up with GET /api/v1/places);
 * the form accepts both, so that it works without JavaScript too.
 */

const territory = new TerritoryService();

/** A place field of the form: where its value is in the input, and which places it may name. */
export interface PlaceField {
  /** Dotted path of the value in the input and of its errors: `residence.comuneCode`. */
  readonly path: string;
  /** The key of its hidden "choice" input, `placeChoice[<key>]`. */
  readonly key: 'birthPlaceCode' | 'residence' | 'domicile';
  readonly kinds: readonly PlaceKind[];
  /** Which day the place must exist on: the birth date, or today (an address is a current comune). */
  readonly on: 'birth' | 'today';
}

export const PLACE_FIELDS: readonly PlaceField[] = [
  { path: 'birthPlaceCode', key: 'birthPlaceCode', kinds: ['comune', 'foreign-state'], on: 'birth' },
  { path: 'residence.comuneCode', key: 'residence', kinds: ['comune'], on: 'today' },
  { path: 'domicile.comuneCode', key: 'domicile', kinds: ['comune'], on: 'today' },
];

/** A place field as the form shows it: the text in the input and the code that text stands for. */
export interface PlaceShown {
  readonly text: string;
  readonly choice: string;
}

export type PlacesShown = Record<PlaceField['key'], PlaceShown>;

export const NO_PLACES: PlacesShown = {
  birthPlaceCode: { text: '', choice: '' },
  residence: { text: '', choice: '' },
  domicile: { text: '', choice: '' },
};

const CODE = /^[A-Z][0-9]{3}$/;
/** A cadastral code at the end of the text: "G148", "Orvieto (TR) – G148", "Orvieto (G148)". */
const TRAILING_CODE = /^(?:.*[\s(,\-–·])?([A-Za-z][0-9]{3})\)?$/;
/** A name followed by a province abbreviation, as the picker writes it: "Orvieto (TR)". */
const WITH_PROVINCE = /^(.*\S)\s*\(([A-Za-z]{2})\)$/;

/** How a place is written for people: "Orvieto (TR)" for a comune, "Germania" for a state. */
export function placeLabel(place: Place): string {
  return place.province ? `${place.name} (${place.province})` : place.name;
}

/** Comparison key of names: accents, case and punctuation aside, as core.place_search_key() does in SQL. */
function nameKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The name is the place's, whole or one language of a bilingual one ("Bolzano/Bozen"). */
function namesPlace(place: Place, key: string): boolean {
  return nameKey(place.name) === key || place.name.split('/').some((part) => nameKey(part) === key);
}

export type PlaceResolution =
  /** `place` is null for a well-formed code missing from the table: accepted, with a warning. */
  | { readonly kind: 'found'; readonly code: string; readonly place: Place | null }
  | { readonly kind: 'ambiguous'; readonly choices: readonly Place[] }
  | { readonly kind: 'unknown'; readonly suggestions: readonly Place[] };

export interface ResolveOptions {
  readonly kinds: readonly PlaceKind[];
  /** YYYY-MM-DD: leave out places ceased by then. */
  readonly on?: string;
  /** The code the form last showed for this field; it stands if the text is still that code's name. */
  readonly choice?: string;
  /** A code to prefer among homonyms: the birth place the codice fiscale carries. */
  readonly preferred?: string;
}

/**
 * One place from what an operator typed. A code is taken as it is, as the API takes it: the table may
 * lag behind a newly created comune, so a code missing from it only warns. A name must name exactly
 * one place (with its province when homonyms exist); otherwise the operator is shown the choices.
 */
export async function resolvePlace(em: EntityManager, typed: string, options: ResolveOptions): Promise<PlaceResolution> {
  const text = typed.trim().replace(/\s+/g, ' ');
  if (options.choice && CODE.test(options.choice)) {
    const chosen = await territory.byBelfiore(em, options.choice);
    if (chosen && nameKey(placeLabel(chosen)) === nameKey(text)) return { kind: 'found', code: chosen.belfioreCode, place: chosen };
  }
  const code = TRAILING_CODE.exec(text)?.[1]?.toUpperCase();
  if (code) return { kind: 'found', code, place: await territory.byBelfiore(em, code) };

  const withProvince = WITH_PROVINCE.exec(text);
  const name = withProvince ? withProvince[1]! : text;
  const province = withProvince?.[2]?.toUpperCase();
  const key = nameKey(name);
  // No place name is this long (the places API takes at most 100 characters): not worth a search.
  if (!key || name.length > 100) return { kind: 'unknown', suggestions: [] };
  const found = (await territory.searchPlaces(em, name, { on: options.on, limit: 50 })).filter((p) => options.kinds.includes(p.kind));
  const named = found.filter((p) => namesPlace(p, key));
  const exact = province ? named.filter((p) => p.province === province) : named;
  const one = (place: Place): PlaceResolution => ({ kind: 'found', code: place.belfioreCode, place });
  if (exact.length === 1) return one(exact[0]!);
  if (exact.length > 1) {
    const preferred = exact.find((p) => p.belfioreCode === options.preferred);
    if (preferred) return one(preferred);
    // With no date to go by, a bare name means the place as it is today, if only one such exists.
    const current = exact.filter((p) => p.validTo === null);
    if (!options.on && current.length === 1) return one(current[0]!);
    return { kind: 'ambiguous', choices: exact.slice(0, 10) };
  }
  return { kind: 'unknown', suggestions: (named.length ? named : found).slice(0, 8) };
}

/** The places with these codes, by code; codes missing from the table are left out. */
export async function placesByCode(em: EntityManager, codes: readonly (string | null | undefined)[]): Promise<Map<string, Place>> {
  const wanted = [...new Set(codes.filter((c): c is string => typeof c === 'string' && CODE.test(c)))];
  const places = new Map<string, Place>();
  for (const code of wanted) {
    const place = await territory.byBelfiore(em, code);
    if (place) places.set(code, place);
  }
  return places;
}

/** The name a stored code is shown as: its label, or the code itself when the table does not know it. */
export function shownPlace(places: ReadonlyMap<string, Place>, code: string | null | undefined): PlaceShown {
  if (!code) return { text: '', choice: '' };
  const place = places.get(code);
  return { text: place ? placeLabel(place) : code, choice: code };
}

/** How the form shows a person's stored places. */
export async function placesShownOf(
  em: EntityManager,
  codes: { birthPlaceCode?: string | null; residence?: string | null; domicile?: string | null },
): Promise<PlacesShown> {
  const places = await placesByCode(em, [codes.birthPlaceCode, codes.residence, codes.domicile]);
  return {
    birthPlaceCode: shownPlace(places, codes.birthPlaceCode),
    residence: shownPlace(places, codes.residence),
    domicile: shownPlace(places, codes.domicile),
  };
}

const isoDate = z.iso.date();

function getPath(input: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), input);
}

/** A copy of the input with the value at `path` replaced (undefined: removed). */
function setPath(input: Record<string, unknown>, path: string, value: string | undefined): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (!rest.length) {
    const copy = { ...input };
    if (value === undefined) delete copy[head!];
    else copy[head!] = value;
    return copy;
  }
  const inner = input[head!];
  return {
    ...input,
    [head!]: setPath(inner && typeof inner === 'object' ? (inner as Record<string, unknown>) : {}, rest.join('.'), value),
  };
}

export interface FormPlaces {
  /** The input with each place typed as a name replaced by its code; a place that could not be resolved is removed. */
  readonly input: Record<string, unknown>;
  /** One per place that could not be resolved, with the choices when there are some. */
  readonly errors: readonly FieldError[];
  /** What each place field shows when the form comes back: the resolved place's name, or what was typed. */
  readonly shown: PlacesShown;
}

/** "Orvieto (TR) – G148; Orvinio (RI) – G158", for a message listing choices. */
function choiceList(places: readonly Place[], t: TFunction): string {
  return places
    .map(
      (p) =>
        `${placeLabel(p)} – ${p.belfioreCode}${p.validTo ? ` (${t('core:personForm.places.until', { year: p.validTo.slice(0, 4) })})` : ''}`,
    )
    .join('; ');
}

/**
 * Resolves the place fields of a submitted person form (see `resolvePlace`), before the form is
 * validated: the schema then checks codes, and the codice fiscale against the birth place, as for the API.
 */
export async function resolveFormPlaces(em: EntityManager, body: Record<string, unknown>, t: TFunction): Promise<FormPlaces> {
  let input = body;
  const errors: FieldError[] = [];
  const shown: Record<string, PlaceShown> = { ...NO_PLACES };
  const choices = (body.placeChoice && typeof body.placeChoice === 'object' ? body.placeChoice : {}) as Record<string, unknown>;
  const birthDate = isoDate.safeParse(body.birthDate);
  const identityKind = typeof body.identityKind === 'string' && body.identityKind ? body.identityKind : 'cf';
  const cf = identityKind === 'cf' && typeof body.codiceFiscale === 'string' ? validateCodiceFiscale(body.codiceFiscale) : null;
  for (const field of PLACE_FIELDS) {
    const typed = getPath(body, field.path);
    if (typeof typed !== 'string' || !typed.trim()) continue;
    const choice = choices[field.key];
    const resolution = await resolvePlace(em, typed, {
      kinds: field.kinds,
      on: field.on === 'today' ? localToday() : birthDate.success && birthDate.data <= localToday() ? birthDate.data : undefined,
      choice: typeof choice === 'string' ? choice : undefined,
      preferred: field.on === 'birth' ? cf?.decoded?.birthPlaceCode : undefined,
    });
    if (resolution.kind === 'found') {
      input = setPath(input, field.path, resolution.code);
      shown[field.key] = { text: resolution.place ? placeLabel(resolution.place) : resolution.code, choice: resolution.code };
      continue;
    }
    input = setPath(input, field.path, undefined);
    shown[field.key] = { text: typed, choice: '' };
    const message =
      resolution.kind === 'ambiguous'
        ? t('core:personForm.places.ambiguous', { choices: choiceList(resolution.choices, t) })
        : resolution.suggestions.length
          ? t('core:personForm.places.suggest', { choices: choiceList(resolution.suggestions, t) })
          : t(field.kinds.includes('foreign-state') ? 'core:personForm.places.unknown' : 'core:personForm.places.unknownComune');
    errors.push({ field: field.path, message });
  }
  return { input, errors, shown: shown as PlacesShown };
}
