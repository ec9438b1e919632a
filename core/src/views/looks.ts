// SPDX-License-Identifier: AGPL-3.0-or-later
import { join } from 'node:path';
import { Translator, readTranslations, type LocaleSource } from '../i18n/i18n';
import { StartupError } from '../kernel/errors';
import { ViewEngine } from './engine';
import { registerHelpers } from './helpers';
import { PageRenderer } from './render';
import { installedThemeIds, resolveThemeChain, type ThemeInfo } from './themes';

/**
 * One installed theme ready to serve a request: its chain (the theme, then its parents), the
 * templates as that chain resolves them, the strings with its re-wordings, and a renderer. The
 * installation's theme is one look; an organization may choose another (OrganizationThemes).
 */
export interface Look {
  readonly id: string;
  /** The theme first, then its ancestors. */
  readonly chain: readonly ThemeInfo[];
  readonly engine: ViewEngine;
  readonly translator: Translator;
  readonly renderer: PageRenderer;
}

export interface LookInputs {
  /** core/: its views/ and locales/. */
  readonly coreDir: string;
  readonly plugins: readonly { readonly id: string; readonly dir: string }[];
  /** Templates every theme must provide, itself or through a parent. */
  readonly required: readonly string[];
  /** URL of a named route. */
  url(name: string, params: Record<string, string>): string;
  /** Public URL of an asset `owner:path`, `theme:` refs resolved in the given theme's chain. */
  asset(ref: string, themeId: string): string;
}

/** Each installed theme's chain, the installation's first. The installation's must resolve; others' failures are problems. */
export function resolveInstalledChains(
  installationTheme: string,
  rootDir: string,
): { chains: Map<string, readonly ThemeInfo[]>; problems: { owner: string; message: string }[] } {
  const chains = new Map<string, readonly ThemeInfo[]>([[installationTheme, resolveThemeChain(installationTheme, rootDir)]]);
  const problems: { owner: string; message: string }[] = [];
  for (const id of installedThemeIds(rootDir)) {
    if (chains.has(id)) continue;
    try {
      chains.set(id, resolveThemeChain(id, rootDir));
    } catch (error) {
      if (!(error instanceof StartupError)) throw error;
      problems.push(...error.problems.map((p) => ({ owner: 'core', message: `installed theme "${id}": ${p.message}` })));
    }
  }
  return { chains, problems };
}

/** The strings as a theme chain sees them: core's, the plugins', the chain's `theme` namespace and re-wordings (child last, so it wins). */
export function themeTranslations(chain: readonly ThemeInfo[], coreDir: string, plugins: LookInputs['plugins']) {
  const parentsFirst = [...chain].reverse();
  const sources: LocaleSource[] = [
    { owner: 'core', namespace: 'core', dir: join(coreDir, 'locales') },
    ...plugins.map((p) => ({ owner: p.id, namespace: p.id, dir: join(p.dir, 'locales') })),
    ...parentsFirst.map((t) => ({ owner: 'theme', namespace: 'theme', dir: join(t.dir, 'locales') })),
  ];
  return readTranslations(
    sources,
    parentsFirst.map((t) => join(t.dir, 'locales')),
  );
}

function buildLook(id: string, chain: readonly ThemeInfo[], inputs: LookInputs): { look: Look; problems: string[] } {
  const engine = new ViewEngine({ themes: chain, plugins: inputs.plugins, coreViewsDir: join(inputs.coreDir, 'views') }).load();
  registerHelpers(engine.env, { url: inputs.url, asset: (ref) => inputs.asset(ref, id) });
  const translator = new Translator(themeTranslations(chain, inputs.coreDir, inputs.plugins));
  const problems = [
    ...engine.problems.filter((p) => p.level === 'fatal').map((p) => `template ${p.file} ${p.message}`),
    ...inputs.required.filter((name) => !engine.has(name)).map((name) => `theme "${id}" lacks the required template ${name}`),
  ];
  return { look: { id, chain, engine, translator, renderer: new PageRenderer(engine) }, problems };
}

/**
 * Every installed theme, ready: the installation's (`theme` in the configuration) and those an
 * organization may choose. Built once at start-up, like everything else read from the files.
 */
export class Looks {
  private constructor(
    readonly installation: Look,
    private readonly byId: ReadonlyMap<string, Look>,
  ) {}

  /** Builds every chain's look; problems (a template that does not compile, a required one missing) name the theme. */
  static build(
    installationTheme: string,
    chains: ReadonlyMap<string, readonly ThemeInfo[]>,
    inputs: LookInputs,
  ): { looks: Looks; problems: { owner: string; message: string }[] } {
    const byId = new Map<string, Look>();
    const problems: { owner: string; message: string }[] = [];
    for (const [id, chain] of chains) {
      const built = buildLook(id, chain, inputs);
      byId.set(id, built.look);
      problems.push(...built.problems.map((message) => ({ owner: 'core', message })));
    }
    return { looks: new Looks(byId.get(installationTheme)!, byId), problems };
  }

  /** The look of a theme id; the installation's for none, or for a theme no longer installed. */
  get(id: string | null | undefined): Look {
    return (id ? this.byId.get(id) : undefined) ?? this.installation;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Every installed theme, sorted by id. */
  all(): Look[] {
    return [...this.byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}
