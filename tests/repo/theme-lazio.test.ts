// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The Lazio theme as shipped: it passes `sigess theme check` (with the Lazio plugin enabled, whose
 * strings it may re-word), and its compiled Bootstrap Italia is up to date with its SCSS.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

interface Target {
  readonly source: string;
  readonly target: string;
  readonly fingerprint: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const styles = require('../../core/bin/theme-styles.js') as { targets(root?: string): Target[]; stale(root?: string): Target[] };

describe('the Lazio theme', () => {
  it('passes sigess theme check, chained to the base theme', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'core', 'bin', 'sigess.js'), 'theme', 'check', 'lazio'], {
      cwd: ROOT,
      env: { ...process.env, SIGESS_PLUGINS: 'lazio', SIGESS_CONFIG: '' },
      encoding: 'utf8',
    });
    expect(out).toMatch(/theme "lazio" \(lazio → base\): \d+ templates checked/);
    expect(out).toContain('no problems found');
  });

  it('is listed among the installed themes', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'core', 'bin', 'sigess.js'), 'theme', 'list'], {
      cwd: ROOT,
      env: { ...process.env, SIGESS_CONFIG: '' },
      encoding: 'utf8',
    });
    expect(out).toMatch(/^\* base +base /m);
    expect(out).toMatch(/^ {2}lazio +lazio → base /m);
  });

  it('ships its Bootstrap Italia compiled from its current SCSS (else: npm run themes:styles)', () => {
    expect(styles.targets().map((t) => t.target.slice(ROOT.length + 1))).toContain('themes/lazio/assets/css/bootstrap-italia.min.css');
    expect(styles.stale()).toEqual([]);
  });
});

describe('core/bin/theme-styles.js --check', () => {
  const root = join(ROOT, 'tests', '.tmp', 'theme-styles');
  const write = (file: string, text: string) => {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  };

  beforeEach(() => {
    rmSync(root, { recursive: true, force: true });
    write('node_modules/sass/package.json', '{"version":"1.0.0"}');
    write('node_modules/bootstrap-italia/package.json', '{"version":"2.0.0"}');
    write('themes/plain/package.json', '{}');
    write('themes/x/scss/site.scss', '$primary-h: 1;');
    write('themes/x/scss/_partial.scss', '');
  });

  it('tells a compiled file that is missing, or whose sources or compiler changed since', () => {
    const [target] = styles.targets(root);
    expect(target?.target).toBe(join(root, 'themes/x/assets/css/site.min.css'));
    expect(styles.stale(root)).toHaveLength(1);

    write('themes/x/assets/css/site.min.css', `/*! sigess-theme-styles ${target!.fingerprint} compiled */\nbody{}`);
    expect(styles.stale(root)).toEqual([]);

    write('themes/x/scss/_partial.scss', '$primary-s: 2;');
    expect(styles.stale(root)).toHaveLength(1);
    write('themes/x/scss/_partial.scss', '');
    write('node_modules/bootstrap-italia/package.json', '{"version":"2.0.1"}');
    expect(styles.stale(root)).toHaveLength(1);
  });
});
