// SPDX-License-Identifier: AGPL-3.0-or-later
import { join } from 'node:path';
import type { SigessConfig } from '../config/config';
import { resolveThemeChain } from '../views/themes';
import { ViewEngine } from '../views/engine';
import { registerHelpers } from '../views/helpers';
import { CORE_DIR, REQUIRED_TEMPLATES } from '../platform';
import { readTranslations } from '../i18n/i18n';
import { resolveConfigured } from '../kernel/discovery';

/**
 * Validates a theme the way Ghost's gscan does, with numbered rules: every
 * template compiles (ST030), required templates exist (ST020), partials and
 * helpers are known (ST041, ST040), no unescaped output (ST070), locale files
 * parse (ST060). Exits non-zero on any error.
 */
export async function themeCheckCommand(config: SigessConfig, id = config.theme): Promise<void> {
  const themes = resolveThemeChain(id, config.rootDir);
  const plugins = resolveConfigured(config.plugins, config.rootDir).map((p) => ({ id: p.manifest.id, dir: p.dir }));
  const engine = new ViewEngine({ themes, plugins, coreViewsDir: join(CORE_DIR, 'views') }).load();
  // The real helper set, so the check knows exactly what templates may call.
  registerHelpers(engine.env, { url: () => '', asset: () => '' });
  const problems = engine.check();
  for (const name of REQUIRED_TEMPLATES) {
    if (!engine.has(name))
      problems.push({ level: 'fatal', code: 'ST020', file: themes[0]!.dir, message: `required template ${name} is missing` });
  }
  try {
    readTranslations(themes.map((t) => ({ owner: 'theme', namespace: 'theme', dir: join(t.dir, 'locales') })));
  } catch (error) {
    problems.push({ level: 'error', code: 'ST060', file: themes[0]!.dir, message: (error as Error).message });
  }
  process.stdout.write(`theme "${id}" (${themes.map((t) => t.id).join(' → ')}): ${engine.names().length} templates checked\n`);
  for (const p of problems) process.stdout.write(`${p.level.toUpperCase()} ${p.code} ${p.file}: ${p.message}\n`);
  if (problems.some((p) => p.level !== 'warning')) {
    process.exitCode = 1;
  } else {
    process.stdout.write('no problems found\n');
  }
}
