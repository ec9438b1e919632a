// SPDX-License-Identifier: AGPL-3.0-or-later
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type SigessConfig } from '../src/config/config';

/** A throwaway workspace under core/test/.tmp, so fixtures resolve `@sigess/core/sdk` like real plugins. */
export function tempWorkspace(name: string): string {
  const root = join(__dirname, '.tmp', name);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'plugins'), { recursive: true });
  return root;
}

export interface FixturePlugin {
  id: string;
  coreRange?: string;
  dependsOn?: string[];
  permissions?: { id: string; defaultRoles?: string[] }[];
  activation?: 'instance' | 'organization';
  /** Body of the plugin's CommonJS entry, with `sdk` in scope. */
  code?: string;
  locales?: Record<'it' | 'en', Record<string, unknown>>;
  views?: Record<string, string>;
}

export function writePlugin(root: string, plugin: FixturePlugin): string {
  const dir = join(root, 'plugins', plugin.id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: `fixture-${plugin.id}`,
      version: '1.2.3',
      main: 'index.js',
      engines: { sigess: plugin.coreRange ?? '^0.1.0' },
      sigess: {
        kind: 'plugin',
        id: plugin.id,
        displayName: { it: plugin.id, en: plugin.id },
        description: { it: 'prova', en: 'test' },
        dependsOn: plugin.dependsOn ?? [],
        activation: plugin.activation ?? 'instance',
        permissions: (plugin.permissions ?? []).map((p) => ({
          id: p.id,
          description: { it: p.id, en: p.id },
          defaultRoles: p.defaultRoles ?? ['anonymous'],
        })),
      },
    }),
  );
  writeFileSync(
    join(dir, 'index.js'),
    `const sdk = require('@sigess/core/sdk');\nmodule.exports = sdk.definePlugin({ id: '${plugin.id}', ${plugin.code ?? 'register() {}'} });\n`,
  );
  for (const lng of ['it', 'en'] as const) {
    mkdirSync(join(dir, 'locales', lng), { recursive: true });
    writeFileSync(join(dir, 'locales', lng, `${plugin.id}.json`), JSON.stringify(plugin.locales?.[lng] ?? {}));
  }
  for (const [name, text] of Object.entries(plugin.views ?? {})) {
    const file = join(dir, 'views', `${name}.hbs`);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
  }
  return dir;
}

export function fixtureConfig(root: string, overrides: Partial<Parameters<typeof loadConfig>[2]> = {}): SigessConfig {
  return loadConfig({}, root, { logLevel: 'silent', ...overrides });
}
