// SPDX-License-Identifier: AGPL-3.0-or-later
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const FILE = /^[a-z-]+-v\d+-latin-ext_latin-(\d{3})?(regular|italic)?\.woff2$/;

/**
 * The @font-face rules for the fonts Bootstrap Italia ships. Its own
 * `loadFonts()` injects an inline <style>, which our Content Security Policy
 * forbids; this serves the same rules as a stylesheet, with URLs relative to
 * the versioned Bootstrap Italia folder.
 */
export function fontFaceCss(biDistDir: string): string {
  const base = join(biDistDir, 'fonts');
  if (!existsSync(base)) return '';
  const rules: string[] = [];
  for (const folder of readdirSync(base).sort()) {
    const family = folder.replace(/_/g, ' ');
    const dir = join(base, folder);
    for (const file of readdirSync(dir).sort()) {
      const match = FILE.exec(file);
      if (!match) continue;
      const weight = match[1] ?? '400';
      const style = match[2] === 'italic' ? 'italic' : 'normal';
      rules.push(
        `@font-face{font-family:'${family}';font-style:${style};font-weight:${weight};font-display:swap;src:url('fonts/${folder}/${file}') format('woff2')}`,
      );
    }
  }
  return `${rules.join('\n')}\n`;
}
