// SPDX-License-Identifier: AGPL-3.0-or-later
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { overrideProblems } from '../src/views/overrides';
import { installedThemeIds, resolveThemeChain } from '../src/views/themes';
import { resolveInstalledChains } from '../src/views/looks';
import { tempWorkspace } from './fixtures';

function write(file: string, value: unknown): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
}

const theme = (id: string, parent?: string) => ({
  name: `@sigess/theme-${id}`,
  sigess: { kind: 'theme', id, displayName: { it: id, en: id }, ...(parent ? { extends: parent } : {}) },
});

describe('installed themes', () => {
  const root = tempWorkspace('installed-themes');
  write(join(root, 'themes', 'child', 'package.json'), theme('child', 'base'));
  write(join(root, 'themes', 'orphan', 'package.json'), theme('orphan', 'nowhere'));
  write(join(root, 'themes', 'not-a-theme', 'package.json'), { name: 'x', sigess: { kind: 'plugin', id: 'x' } });
  write(join(root, 'themes', 'notes.txt'), 'a file is not a theme');

  it('are the themes/ folders and the @sigess/theme-* packages Node reaches, nothing else', () => {
    // `base` comes from the repository's node_modules/@sigess, as a theme installed as a package.
    expect(installedThemeIds(root)).toEqual(expect.arrayContaining(['base', 'child', 'orphan']));
    expect(installedThemeIds(root)).not.toContain('not-a-theme');
    expect(resolveThemeChain('child', root).map((t) => t.id)).toEqual(['child', 'base']);
  });

  it("refuse to start only through the theme that is broken, naming it, and never lose the installation's", () => {
    const { chains, problems } = resolveInstalledChains('child', root);
    expect([...chains.keys()]).toEqual(expect.arrayContaining(['child', 'base']));
    expect(chains.has('orphan')).toBe(false);
    expect(problems).toEqual([
      { owner: 'core', message: expect.stringMatching(/^installed theme "orphan": theme "nowhere" is not installed/) },
    ]);
  });
});

describe("a theme's re-wordings", () => {
  const root = tempWorkspace('theme-overrides');
  const dir = join(root, 'themes', 'words');
  const strings = {
    it: { core: { plans: { heading: 'Progetto', none: 'Nessuno' } } },
    en: { core: { plans: { heading: 'Plan', none: 'None' } } },
  };
  const chain = [{ id: 'words', dir, manifest: { kind: 'theme' as const, id: 'words', displayName: { it: 'w', en: 'w' } } }];

  it('pass when they re-word existing strings in every language', () => {
    write(join(dir, 'locales', 'it', 'overrides', 'core.json'), { plans: { heading: 'Piano' } });
    write(join(dir, 'locales', 'en', 'overrides', 'core.json'), { plans: { heading: 'Care plan' } });
    expect(overrideProblems(chain, strings)).toEqual([]);
  });

  it('name a string that does not exist, a language left behind, and a namespace not loaded', () => {
    write(join(dir, 'locales', 'it', 'overrides', 'core.json'), { plans: { heading: 'Piano', headline: 'Refuso', none: 'Nessun piano' } });
    write(join(dir, 'locales', 'en', 'overrides', 'core.json'), { plans: { heading: 'Care plan', headline: 'Typo' } });
    write(join(dir, 'locales', 'it', 'overrides', 'elsewhere.json'), { a: 'b' });
    write(join(dir, 'locales', 'en', 'overrides', 'elsewhere.json'), { a: 'b' });
    const found = overrideProblems(chain, strings).map((p) => `${p.level} ${p.code} ${p.message}`);
    expect(found.sort()).toEqual(
      [
        'error ST061 re-words "core:plans.headline", which "core" does not have',
        'error ST061 re-words "core:plans.headline", which "core" does not have',
        'error ST063 does not re-word "core:plans.none", which another language does',
        'warning ST062 re-words namespace "elsewhere", which is not loaded',
        'warning ST062 re-words namespace "elsewhere", which is not loaded',
      ].sort(),
    );
  });
});
