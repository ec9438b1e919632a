// SPDX-License-Identifier: AGPL-3.0-or-later
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n as I18n, type Resource, type TFunction } from 'i18next';
import { LOCALES, type Locale } from '../sdk/context';
import { StartupError } from '../kernel/errors';

/** A folder holding `<lng>/<namespace>.json` files, and the namespace it provides. */
export interface LocaleSource {
  readonly owner: string;
  readonly namespace: string;
  readonly dir: string;
}

export type Translations = Record<Locale, Record<string, Record<string, unknown>>>;

function readJson(file: string, owner: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw StartupError.of(owner, `${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Reads every namespace in every language. Later sources win key by key, so
 * a theme's `overrides/<ns>.json` (loaded last) may re-word any string.
 */
export function readTranslations(sources: readonly LocaleSource[], themeOverrideDirs: readonly string[] = []): Translations {
  const result = { it: {}, en: {} } as Translations;
  for (const source of sources) {
    for (const lng of LOCALES) {
      const file = join(source.dir, lng, `${source.namespace}.json`);
      if (!existsSync(file)) {
        if (source.owner !== 'theme')
          throw StartupError.of(source.owner, `${file} is missing: every namespace ships ${LOCALES.join(' and ')}`);
        continue;
      }
      result[lng][source.namespace] = deepMerge(result[lng][source.namespace] ?? {}, readJson(file, source.owner));
    }
  }
  for (const dir of themeOverrideDirs) {
    for (const lng of LOCALES) {
      const folder = join(dir, lng, 'overrides');
      if (!existsSync(folder)) continue;
      for (const ns of Object.keys(result[lng])) {
        const file = join(folder, `${ns}.json`);
        if (existsSync(file)) result[lng][ns] = deepMerge(result[lng][ns] ?? {}, readJson(file, 'theme'));
      }
    }
  }
  return result;
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prior = out[key];
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value) && prior && typeof prior === 'object'
        ? deepMerge(prior as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return out;
}

/** Flattens nested keys: `{ a: { b: 'x' } }` → `['a.b']`. */
export function flattenKeys(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value && typeof value === 'object' ? flattenKeys(value as Record<string, unknown>, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

/** The shared i18next instance. Requests never change its language: they get a fixed `t`. */
export class Translator {
  readonly i18n: I18n;
  private readonly fixed = new Map<string, TFunction>();

  constructor(readonly translations: Translations) {
    this.i18n = i18next.createInstance();
    void this.i18n.init({
      resources: translations as unknown as Resource,
      lng: 'it',
      fallbackLng: 'it',
      supportedLngs: [...LOCALES],
      defaultNS: 'core',
      ns: Object.keys(translations.it),
      initAsync: false,
      // Handlebars escapes what templates print; escaping here too would double it.
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }

  /** `t` fixed to a language, looking in `namespace` first and then in `core`. */
  t(locale: Locale, namespace = 'core'): TFunction {
    const key = `${locale}:${namespace}`;
    let t = this.fixed.get(key);
    if (!t) {
      t = this.i18n.getFixedT(locale, namespace === 'core' ? 'core' : [namespace, 'core']);
      this.fixed.set(key, t);
    }
    return t;
  }

  /** Languages in which `ns:key` has no string. */
  missing(key: string): Locale[] {
    return LOCALES.filter((lng) => !this.i18n.exists(key, { lng, fallbackLng: false }));
  }
}

/** Picks a supported language from a cookie value or an Accept-Language header. */
export function negotiateLocale(cookie: string | undefined, acceptLanguage: string | undefined): Locale {
  if (cookie && (LOCALES as readonly string[]).includes(cookie)) return cookie as Locale;
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { lng: (tag ?? '').slice(0, 2).toLowerCase(), q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { lng } of wanted) if ((LOCALES as readonly string[]).includes(lng)) return lng as Locale;
  return 'it';
}
