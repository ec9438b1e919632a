// SPDX-License-Identifier: AGPL-3.0-or-later
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Handlebars from 'handlebars';
import type { ThemeInfo } from './themes';
import type { RenderData } from './helpers';

/** Where a logical template name was found. */
export interface TemplateSource {
  readonly name: string;
  readonly file: string;
  /** `theme:<id>`, `plugin:<id>` or `core`. */
  readonly layer: string;
}

export interface ViewLayers {
  /** Active theme first, then its ancestors. */
  readonly themes: readonly ThemeInfo[];
  readonly plugins: readonly { readonly id: string; readonly dir: string }[];
  readonly coreViewsDir: string;
}

export interface TemplateProblem {
  readonly level: 'fatal' | 'error' | 'warning';
  readonly code: string;
  readonly file: string;
  readonly message: string;
}

function listTemplates(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.hbs'))
    .map((entry) => join(entry.parentPath, entry.name));
}

function logicalPath(base: string, file: string): string {
  return relative(base, file)
    .split(sep)
    .join('/')
    .replace(/\.hbs$/, '');
}

/** What a template refers to: partials, helpers called with arguments, slot zones. */
interface References {
  readonly partials: Set<string>;
  readonly helpers: Set<string>;
  readonly zones: Set<string>;
  readonly tripleStash: number;
}

function collectReferences(ast: hbs.AST.Program): References {
  const refs: References = { partials: new Set(), helpers: new Set(), zones: new Set(), tripleStash: 0 };
  let triple = 0;
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown> & { type?: string };
    if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') {
      const name = n.name as { type: string; original: string };
      if (name.type === 'PathExpression' || name.type === 'StringLiteral') refs.partials.add(String(name.original));
    }
    if (n.type === 'MustacheStatement' || n.type === 'SubExpression' || n.type === 'BlockStatement') {
      const path = n.path as { type: string; original: string };
      const params = (n.params as { type: string; value?: unknown }[]) ?? [];
      const hasArgs = params.length > 0 || Boolean(n.hash);
      if (path.type === 'PathExpression' && (hasArgs || n.type === 'SubExpression')) refs.helpers.add(path.original);
      if (path.original === 'slot' && params[0]?.type === 'StringLiteral') refs.zones.add(String(params[0].value));
      if (n.type === 'MustacheStatement' && n.escaped === false) triple += 1;
    }
    for (const value of Object.values(n)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object' && (value as { type?: unknown }).type) visit(value);
    }
  };
  visit(ast);
  return { ...refs, tripleStash: triple };
}

/**
 * The layered Handlebars environment. Every template has a logical name
 * `ns:path`; the first layer that has it wins: the active theme, its parent
 * themes, then the owner (the plugin named by `ns`, or core). Plugins can only
 * provide their own namespace; they add to core pages through slots. Every
 * template is also a partial under its logical name.
 */
export class ViewEngine {
  readonly env: typeof Handlebars = Handlebars.create();
  private readonly sources = new Map<string, TemplateSource>();
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();
  private readonly refs = new Map<string, References>();
  private readonly zoneCache = new Map<string, ReadonlySet<string>>();
  readonly problems: TemplateProblem[] = [];

  constructor(private readonly layers: ViewLayers) {}

  /** Finds every template in every layer, compiles the winners and registers them as partials. */
  load(): this {
    const candidates: TemplateSource[] = [];
    for (const theme of this.layers.themes) {
      const base = join(theme.dir, 'templates');
      for (const file of listTemplates(base)) {
        const path = logicalPath(base, file);
        const slash = path.indexOf('/');
        if (slash < 0) {
          this.problems.push({ level: 'error', code: 'ST050', file, message: 'theme templates live in templates/<namespace>/…' });
          continue;
        }
        candidates.push({ name: `${path.slice(0, slash)}:${path.slice(slash + 1)}`, file, layer: `theme:${theme.id}` });
      }
    }
    for (const plugin of this.layers.plugins) {
      const base = join(plugin.dir, 'views');
      for (const file of listTemplates(base))
        candidates.push({ name: `${plugin.id}:${logicalPath(base, file)}`, file, layer: `plugin:${plugin.id}` });
    }
    for (const file of listTemplates(this.layers.coreViewsDir)) {
      candidates.push({ name: `core:${logicalPath(this.layers.coreViewsDir, file)}`, file, layer: 'core' });
    }
    for (const candidate of candidates) if (!this.sources.has(candidate.name)) this.sources.set(candidate.name, candidate);

    for (const source of this.sources.values()) {
      const text = readFileSync(source.file, 'utf8');
      try {
        // Parsing finds syntax errors now; Handlebars compiles lazily, on first render.
        const ast = this.env.parse(text);
        this.refs.set(source.name, collectReferences(ast));
        const template = this.env.compile(ast, { preventIndent: true });
        this.compiled.set(source.name, template);
        this.env.registerPartial(source.name, template);
      } catch (error) {
        this.problems.push({
          level: 'fatal',
          code: 'ST030',
          file: source.file,
          message: `does not compile: ${(error as Error).message.split('\n')[0]}`,
        });
      }
    }
    return this;
  }

  has(name: string): boolean {
    return this.compiled.has(name);
  }

  names(): string[] {
    return [...this.sources.keys()].sort();
  }

  render(name: string, context: unknown, data: RenderData): string {
    const template = this.compiled.get(name);
    if (!template) throw new Error(`template "${name}" does not exist`);
    return template(context, { data, allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  }

  /** Slot zones a template renders, through the partials it includes. */
  zonesOf(name: string): ReadonlySet<string> {
    const cached = this.zoneCache.get(name);
    if (cached) return cached;
    const zones = new Set<string>();
    const seen = new Set<string>();
    const walk = (n: string): void => {
      if (seen.has(n)) return;
      seen.add(n);
      const r = this.refs.get(n);
      if (!r) return;
      r.zones.forEach((z) => zones.add(z));
      r.partials.forEach(walk);
    };
    walk(name);
    this.zoneCache.set(name, zones);
    return zones;
  }

  /**
   * The checks `sigess theme check` reports: templates that do not compile,
   * partials and helpers nobody provides, unescaped output.
   */
  check(): TemplateProblem[] {
    const problems = [...this.problems];
    // Known helpers are the ones registered in this environment: Handlebars' own and ours.
    const helpers = new Set(Object.keys(this.env.helpers));
    for (const [name, r] of this.refs) {
      const file = this.sources.get(name)!.file;
      for (const partial of r.partials) {
        if (!this.sources.has(partial)) problems.push({ level: 'error', code: 'ST041', file, message: `unknown partial "${partial}"` });
      }
      for (const helper of r.helpers) {
        if (!helpers.has(helper) && !helper.includes('.') && !helper.startsWith('@')) {
          problems.push({ level: 'error', code: 'ST040', file, message: `unknown helper "${helper}"` });
        }
      }
      if (r.tripleStash > 0) {
        problems.push({
          level: 'error',
          code: 'ST070',
          file,
          message: 'unescaped output ({{{ }}}) is not allowed; pass trusted HTML as a SafeString from a helper',
        });
      }
    }
    return problems;
  }
}
