// SPDX-License-Identifier: AGPL-3.0-or-later
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flattenKeys } from '../../core/src/i18n/i18n';

const ROOT = join(__dirname, '..', '..');

/** Every locale folder in the repository: core's, each plugin's, example's and theme's. */
function localeFolders(): string[] {
  const folders = [join(ROOT, 'core', 'locales')];
  for (const group of ['plugins', 'examples', 'themes']) {
    const base = join(ROOT, group);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) {
      const dir = join(base, name, 'locales');
      if (existsSync(dir)) folders.push(dir);
    }
  }
  return folders;
}

function keysOf(file: string): string[] {
  return flattenKeys(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>).sort();
}

describe('translations are complete in Italian and English', () => {
  const cases = localeFolders().flatMap((dir) =>
    readdirSync(join(dir, 'it'))
      .filter((f) => f.endsWith('.json'))
      .map((file) => [dir.slice(ROOT.length + 1), file] as const),
  );

  it('finds the namespaces to check', () => {
    expect(cases.map(([dir, file]) => `${dir}/${file}`)).toEqual(
      expect.arrayContaining(['core/locales/core.json', 'themes/base/locales/theme.json', 'examples/hello-plugin/locales/hello.json']),
    );
  });

  it.each(cases)('%s/*/%s has the same keys in it and en', (dir, file) => {
    const it = keysOf(join(ROOT, dir, 'it', file));
    const enFile = join(ROOT, dir, 'en', file);
    expect(existsSync(enFile)).toBe(true);
    const en = keysOf(enFile);
    expect({ missingInEnglish: it.filter((k) => !en.includes(k)), missingInItalian: en.filter((k) => !it.includes(k)) }).toEqual({
      missingInEnglish: [],
      missingInItalian: [],
    });
  });
});
