// SPDX-License-Identifier: AGPL-3.0-or-later
import { join } from 'node:path';
import type { SigessConfig } from '../config/config';
import { installedThemeIds, resolveThemeChain } from '../views/themes';
import { ViewEngine, type TemplateProblem } from '../views/engine';
import { registerHelpers } from '../views/helpers';
import { themeTranslations } from '../views/looks';
import { overrideProblems } from '../views/overrides';
import { CORE_DIR, REQUIRED_TEMPLATES } from '../platform';
import { readTranslations, type LocaleSource } from '../i18n/i18n';
import { resolveConfigured } from '../kernel/discovery';

/**
 * Validates a theme the way Ghost's gscan does, with numbered rules: every
 * template compiles (ST030), required templates exist (ST020), partials and
 * helpers are known (ST041, ST040), no unescaped output (ST070), locale files
 * parse (ST060), re-wordings name strings that exist, in every language
 * (ST061, ST062, ST063). Exits non-zero on any error.
 */
export async function themeCheckCommand(config: SigessConfig, id = config.theme): Promise<void> {
  const themes = resolveThemeChain(id, config.rootDir);
  const plugins = resolveConfigured(config.plugins, config.rootDir).map((p) => ({ id: p.manifest.id, dir: p.dir }));
  const engine = new ViewEngine({ themes, plugins, coreViewsDir: join(CORE_DIR, 'views') }).load();
  // The real helper set, so the check knows exactly what templates may call.
  registerHelpers(engine.env, { url: () => '', asset: () => '' });
  const problems: TemplateProblem[] = engine.check();
  for (const name of REQUIRED_TEMPLATES) {
    if (!engine.has(name))
      problems.push({ level: 'fatal', code: 'ST020', file: themes[0]!.dir, message: `required template ${name} is missing` });
  }
  try {
    themeTranslations(themes, CORE_DIR, plugins);
    // The strings before any re-wording, to tell which keys a re-wording may name.
    const sources: LocaleSource[] = [
      { owner: 'core', namespace: 'core', dir: join(CORE_DIR, 'locales') },
      ...plugins.map((p) => ({ owner: p.id, namespace: p.id, dir: join(p.dir, 'locales') })),
      ...[...themes].reverse().map((t) => ({ owner: 'theme', namespace: 'theme', dir: join(t.dir, 'locales') })),
    ];
    problems.push(...overrideProblems(themes, readTranslations(sources)));
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

/** `sigess theme list`: the installed themes, the installation's marked. */
export async function themeListCommand(config: SigessConfig): Promise<void> {
  for (const id of installedThemeIds(config.rootDir)) {
    const chain = resolveThemeChain(id, config.rootDir);
    const name = chain[0]!.manifest.displayName.en;
    process.stdout.write(
      `${id === config.theme ? '*' : ' '} ${id.padEnd(16)} ${chain
        .map((t) => t.id)
        .join(' → ')
        .padEnd(24)} ${name}\n`,
    );
  }
}
