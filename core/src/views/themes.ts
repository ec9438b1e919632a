// SPDX-License-Identifier: AGPL-3.0-or-later
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { themeManifest, type ThemeManifest } from '../sdk/manifest';
import { StartupError } from '../kernel/errors';

export interface ThemeInfo {
  readonly id: string;
  readonly dir: string;
  readonly manifest: ThemeManifest;
}

/** Where a theme may be: the workspace's themes/, or an installed package `@sigess/theme-<id>`. */
function themeDirs(id: string, rootDir: string): string[] {
  const dirs = [join(rootDir, 'themes', id)];
  try {
    dirs.push(dirname(require.resolve(`@sigess/theme-${id}/package.json`, { paths: [rootDir] })));
  } catch {
    // not installed as a package
  }
  return dirs;
}

function findTheme(id: string, rootDir: string): ThemeInfo {
  for (const dir of themeDirs(id, rootDir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { sigess?: unknown };
    const parsed = themeManifest.safeParse(pkg.sigess);
    if (!parsed.success) {
      throw StartupError.of(
        'core',
        `theme "${id}" (${file}): package.json#sigess ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    if (parsed.data.id !== id) throw StartupError.of('core', `theme folder "${id}" declares id "${parsed.data.id}"`);
    return { id, dir: realpathSync(dir), manifest: parsed.data };
  }
  throw StartupError.of('core', `theme "${id}" is not installed (looked in themes/${id} and node_modules/@sigess/theme-${id})`);
}

/** The active theme and its ancestors, child first; a cycle in `extends` is refused. */
export function resolveThemeChain(id: string, rootDir: string): ThemeInfo[] {
  const chain: ThemeInfo[] = [];
  let next: string | undefined = id;
  while (next) {
    if (chain.some((t) => t.id === next)) {
      throw StartupError.of('core', `themes extend each other in a cycle: ${[...chain.map((t) => t.id), next].join(' → ')}`);
    }
    const theme = findTheme(next, rootDir);
    chain.push(theme);
    next = theme.manifest.extends;
  }
  return chain;
}

/** Folders `node_modules/@sigess` that Node's resolution reaches from rootDir: its own and its ancestors'. */
function packageScopes(rootDir: string): string[] {
  const scopes: string[] = [];
  for (let dir = rootDir; ; dir = dirname(dir)) {
    const scope = join(dir, 'node_modules', '@sigess');
    if (existsSync(scope)) scopes.push(scope);
    if (dirname(dir) === dir) return scopes;
  }
}

/**
 * The ids of every theme installed for rootDir, sorted: folders under `themes/` and packages
 * `@sigess/theme-<id>` that `resolveThemeChain` would find. Only these may be chosen, by the
 * installation or by an organization. A folder without a theme manifest is not a theme.
 */
export function installedThemeIds(rootDir: string): string[] {
  const ids = new Set<string>();
  const themesDir = join(rootDir, 'themes');
  if (existsSync(themesDir)) {
    for (const entry of readdirSync(themesDir, { withFileTypes: true })) {
      if ((entry.isDirectory() || entry.isSymbolicLink()) && isTheme(join(themesDir, entry.name))) ids.add(entry.name);
    }
  }
  for (const scope of packageScopes(rootDir)) {
    for (const entry of readdirSync(scope)) {
      if (entry.startsWith('theme-') && isTheme(join(scope, entry))) ids.add(entry.slice('theme-'.length));
    }
  }
  return [...ids].sort();
}

function isTheme(dir: string): boolean {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { sigess?: { kind?: unknown } }).sigess?.kind === 'theme';
  } catch {
    return false;
  }
}
