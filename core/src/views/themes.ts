// SPDX-License-Identifier: AGPL-3.0-or-later
import { existsSync, readFileSync, realpathSync } from 'node:fs';
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
