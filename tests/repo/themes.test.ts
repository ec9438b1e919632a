// SPDX-License-Identifier: AGPL-3.0-or-later
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

describe('sigess theme check', () => {
  it('passes on the base theme with the example plugin enabled', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'core', 'bin', 'sigess.js'), 'theme', 'check', 'base'], {
      cwd: ROOT,
      env: { ...process.env, SIGESS_PLUGINS: 'hello', SIGESS_CONFIG: '' },
      encoding: 'utf8',
    });
    expect(out).toMatch(/theme "base" \(base\): \d+ templates checked/);
    expect(out).toContain('no problems found');
  });
});
