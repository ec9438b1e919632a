// SPDX-License-Identifier: AGPL-3.0-or-later
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { pluginManifest, type PluginManifest } from '../sdk/manifest';
import { StartupError } from './errors';

/** A plugin package found on disk, before any of its code runs. */
export interface PluginPackage {
  readonly dir: string;
  readonly packageName: string;
  readonly version: string;
  /** `engines.sigess`: the SDK range the plugin works with. */
  readonly coreRange: string | null;
  readonly manifest: PluginManifest;
  /** package.json `main`, and the TypeScript source entry for tests (`exports["."]["sigess-source"]`). */
  readonly main: string;
  readonly sourceEntry: string | null;
}

interface PackageJson {
  name?: string;
  version?: string;
  main?: string;
  engines?: Record<string, string>;
  exports?: Record<string, unknown>;
  sigess?: unknown;
}

function readPackageJson(dir: string): PackageJson | null {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
}

/** Reads and validates `package.json#sigess`; null when the package is not a plugin. */
export function readPluginPackage(dir: string): PluginPackage | null {
  const pkg = readPackageJson(dir);
  if (!pkg || typeof pkg.sigess !== 'object' || pkg.sigess === null) return null;
  if ((pkg.sigess as { kind?: unknown }).kind !== 'plugin') return null;
  const label = (pkg.sigess as { id?: unknown }).id ?? pkg.name ?? dir;
  const parsed = pluginManifest.safeParse(pkg.sigess);
  if (!parsed.success) {
    throw new StartupError(
      parsed.error.issues.map((issue) => ({
        owner: String(label),
        message: `package.json#sigess.${issue.path.join('.')}: ${issue.message}`,
      })),
    );
  }
  const dot = pkg.exports?.['.'];
  const sourceEntry =
    dot && typeof dot === 'object' && typeof (dot as Record<string, unknown>)['sigess-source'] === 'string'
      ? ((dot as Record<string, string>)['sigess-source'] as string)
      : null;
  return {
    dir: realpathSync(dir),
    packageName: pkg.name ?? parsed.data.id,
    version: pkg.version ?? '0.0.0',
    coreRange: pkg.engines?.sigess ?? null,
    manifest: parsed.data,
    main: pkg.main ?? 'dist/index.js',
    sourceEntry,
  };
}

/** Folders that may hold plugins: the workspace's plugins/ and examples/, and node_modules/@sigess. */
function candidateDirs(rootDir: string): string[] {
  const dirs: string[] = [];
  for (const parent of ['plugins', 'examples', join('node_modules', '@sigess')]) {
    const base = join(rootDir, parent);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base, { withFileTypes: true })) {
      if (entry.isDirectory() || entry.isSymbolicLink()) dirs.push(join(base, entry.name));
    }
  }
  return dirs;
}

/**
 * Every plugin installed under rootDir, deduplicated by real path (a workspace
 * is both in plugins/ and linked in node_modules). Invalid manifests are
 * reported, not thrown, so a listing still shows the rest.
 */
export function discoverInstalled(rootDir: string): { plugins: PluginPackage[]; problems: StartupError[] } {
  const seen = new Map<string, PluginPackage>();
  const problems: StartupError[] = [];
  for (const dir of candidateDirs(rootDir)) {
    try {
      const real = realpathSync(dir);
      if (seen.has(real)) continue;
      const found = readPluginPackage(real);
      if (found) seen.set(real, found);
    } catch (error) {
      if (error instanceof StartupError) problems.push(error);
      else throw error;
    }
  }
  return { plugins: [...seen.values()].sort((a, b) => a.manifest.id.localeCompare(b.manifest.id)), problems };
}

/**
 * Resolves the configured plugin entries (an id, a package name or a path)
 * to packages. An installed package is never enabled by merely being there.
 */
export function resolveConfigured(entries: readonly string[], rootDir: string): PluginPackage[] {
  const installed = discoverInstalled(rootDir);
  const result: PluginPackage[] = [];
  for (const entry of entries) {
    let found: PluginPackage | null = null;
    if (entry.startsWith('.') || isAbsolute(entry)) {
      const dir = resolve(rootDir, entry);
      found = existsSync(dir) ? readPluginPackage(dir) : null;
      if (!found)
        throw StartupError.of(
          'core',
          `configured plugin path "${entry}" holds no SIGeSS plugin (no package.json#sigess with kind "plugin")`,
        );
    } else {
      const matches = installed.plugins.filter((p) => p.manifest.id === entry || p.packageName === entry);
      if (matches.length > 1) {
        throw StartupError.of(entry, `is installed twice, in ${matches.map((m) => m.dir).join(' and ')}; keep one`);
      }
      found = matches[0] ?? null;
      if (!found) {
        const broken = installed.problems.find((p) => p.problems.some((q) => q.owner === entry));
        if (broken) throw broken;
        throw StartupError.of(
          entry,
          'is enabled in the configuration but not installed (looked in plugins/, examples/ and node_modules/@sigess)',
        );
      }
    }
    const duplicate = result.find((r) => r.manifest.id === found.manifest.id);
    if (duplicate && duplicate.dir !== found.dir) {
      throw StartupError.of(found.manifest.id, `is configured twice, from ${duplicate.dir} and ${found.dir}`);
    }
    if (!duplicate) result.push(found);
  }
  return result;
}
