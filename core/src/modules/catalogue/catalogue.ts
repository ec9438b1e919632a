// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RequestCtx } from '../../sdk/context';
import { CatalogueEntries, type CatalogueEntry, type MacroArea, type Requirement } from '../../sdk/extension-points/catalogue';
import { CodeLists } from '../../sdk/extension-points/code-lists';
import { AREAS } from './areas';

/** A catalogue entry as pages and the API show it, in the request's language. */
export interface EntryView {
  readonly code: string;
  readonly name: string;
  readonly description: string | null;
  readonly area: string;
  readonly areaLabel: string;
  readonly macroArea: MacroArea | null;
  readonly macroAreaLabel: string | null;
  readonly unit: string;
  readonly unitLabel: string;
  readonly inpsCode: string | null;
  readonly istatCode: string | null;
  readonly regionalCode: string | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  /** `core` for the national table, else the id of the plugin that contributes it. */
  readonly source: string;
  readonly requirements: readonly Requirement[];
}

export interface CatalogueFilter {
  readonly area?: string;
  readonly macroArea?: string;
  readonly q?: string;
}

/** The entries the organization sees: core's national table and those of its active plugins. */
export function entries(ctx: RequestCtx): CatalogueEntry[] {
  return ctx.extensions.keyed(CatalogueEntries);
}

/** One entry, or undefined (also when its plugin is off for the organization). */
export function findEntry(ctx: RequestCtx, code: string | undefined): CatalogueEntry | undefined {
  return code ? ctx.extensions.get(CatalogueEntries, code) : undefined;
}

export function areaOptions(ctx: RequestCtx): { code: string; label: string }[] {
  const areas = ctx.extensions.get(CodeLists, AREAS.id) ?? AREAS;
  return areas.entries.map((a) => ({ code: a.code, label: a.label[ctx.locale] }));
}

export function entryName(ctx: RequestCtx, entry: CatalogueEntry): string {
  return entry.label ? entry.label[ctx.locale] : ctx.t(entry.nameKey ?? entry.code);
}

export function viewOf(ctx: RequestCtx, entry: CatalogueEntry, areas = areaOptions(ctx)): EntryView {
  return {
    code: entry.code,
    name: entryName(ctx, entry),
    description: entry.descriptionKey ? ctx.t(entry.descriptionKey) : null,
    area: entry.area,
    areaLabel: areas.find((a) => a.code === entry.area)?.label ?? entry.area,
    macroArea: entry.macroArea ?? null,
    macroAreaLabel: entry.macroArea ? ctx.t(`core:catalogue.macroAreas.${entry.macroArea}`) : null,
    unit: entry.unit,
    unitLabel: ctx.t(`core:catalogue.units.${entry.unit}`),
    inpsCode: entry.inpsCode ?? null,
    istatCode: entry.istatCode ?? null,
    regionalCode: entry.regionalCode ?? null,
    validFrom: entry.validFrom ?? null,
    validTo: entry.validTo ?? null,
    source: entry.code.slice(0, entry.code.indexOf('.')),
    requirements: entry.requirements ?? [],
  };
}

/** Lower case, without accents: "Povertà" finds "poverta". */
const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** The entries matching a filter: an area, a macro-area, and words found in the name, the description or a code. */
export function filterEntries(views: readonly EntryView[], filter: CatalogueFilter): EntryView[] {
  const words = fold(filter.q ?? '')
    .split(/\s+/)
    .filter(Boolean);
  return views.filter((v) => {
    if (filter.area && v.area !== filter.area) return false;
    if (filter.macroArea && v.macroArea !== filter.macroArea) return false;
    const haystack = fold([v.name, v.description, v.code, v.inpsCode, v.istatCode, v.regionalCode].filter(Boolean).join(' '));
    return words.every((w) => haystack.includes(w));
  });
}
