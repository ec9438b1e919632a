// SPDX-License-Identifier: AGPL-3.0-or-later
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES } from '../sdk/context';
import { flattenKeys, type Translations } from '../i18n/i18n';
import type { TemplateProblem } from './engine';
import type { ThemeInfo } from './themes';

/**
 * What is wrong with a theme chain's re-wordings (`locales/<lng>/overrides/<ns>.json`), which are
 * merged silently over the strings: a key its namespace does not have re-words nothing (ST061, a
 * typo or a string since renamed); a namespace not loaded belongs to a plugin that is not enabled
 * (ST062, a warning); a key re-worded in one language only leaves the other behind (ST063).
 * `strings` are the strings before any re-wording.
 */
export function overrideProblems(chain: readonly ThemeInfo[], strings: Translations): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const theme of chain) {
    const keys: Record<string, Record<string, string[]>> = {};
    for (const lng of LOCALES) {
      const folder = join(theme.dir, 'locales', lng, 'overrides');
      if (!existsSync(folder)) continue;
      for (const name of readdirSync(folder).filter((f) => f.endsWith('.json'))) {
        const file = join(folder, name);
        const ns = name.replace(/\.json$/, '');
        const own = flattenKeys(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
        (keys[ns] ??= {})[lng] = own;
        const known = strings[lng][ns];
        if (!known) {
          problems.push({ level: 'warning', code: 'ST062', file, message: `re-words namespace "${ns}", which is not loaded` });
          continue;
        }
        const have = new Set(flattenKeys(known));
        for (const key of own.filter((k) => !have.has(k))) {
          problems.push({ level: 'error', code: 'ST061', file, message: `re-words "${ns}:${key}", which "${ns}" does not have` });
        }
      }
    }
    for (const [ns, byLng] of Object.entries(keys)) {
      for (const lng of LOCALES) {
        const others = LOCALES.filter((l) => l !== lng).flatMap((l) => byLng[l] ?? []);
        const mine = new Set(byLng[lng] ?? []);
        const missing = [...new Set(others)].filter((k) => !mine.has(k));
        if (missing.length) {
          problems.push({
            level: 'error',
            code: 'ST063',
            file: join(theme.dir, 'locales', lng, 'overrides', `${ns}.json`),
            message: `does not re-word ${missing.map((k) => `"${ns}:${k}"`).join(', ')}, which another language does`,
          });
        }
      }
    }
  }
  return problems;
}
