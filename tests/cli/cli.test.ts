// SPDX-License-Identifier: AGPL-3.0-or-later
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase } from '@sigess/core/testing';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'core', 'bin', 'sigess.js');
const TMP = join(ROOT, 'tests', '.tmp', 'cli');

function sigess(args: string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, SIGESS_CONFIG: '', DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('sigess migrate, seed --demo and plugins list', () => {
  it('work against a database and report where each plugin is active', async () => {
    const db = await createTestDatabase();
    try {
      const env = { DATABASE_URL: db.url, SIGESS_PLUGINS: 'hello' };
      const migrated = sigess(['migrate'], env);
      expect(migrated.stderr).toBe('');
      expect(migrated.stdout).toContain(
        'core: applied Migration20261123000000_foundation, Migration20261123010000_operators, Migration20261123020000_audit',
      );
      expect(sigess(['migrate'], env).stdout).toContain('core: up to date');

      // Organizations, operators, a few hundred people: the exact count is the demo modules' business.
      const seeded = /^demo data: (\d+) row\(s\) added\n$/.exec(sigess(['seed', '--demo'], env).stdout);
      expect(Number(seeded?.[1])).toBeGreaterThan(300);
      expect(sigess(['seed', '--demo'], env).stdout).toBe('demo data: already present, nothing added\n');

      const listed = sigess(['plugins', 'list'], env);
      expect(listed.status).toBe(0);
      const row = listed.stdout.split('\n').find((l) => l.startsWith('hello'));
      expect(row).toMatch(
        /^hello\s+0\.1\.0\s+\^0\.1\.0\s+yes\s+yes\s+demo-ambito, demo-asl, demo-comune, demo-comune-2, demo-comune-3, demo-pua, demo-regione, demo-segretariato, demo-segretariato-2$/,
      );

      const json = JSON.parse(sigess(['plugins', 'list', '--json'], { ...env, SIGESS_PLUGINS: '' }).stdout) as {
        plugins: { id: string; enabled: boolean }[];
      };
      // Every installed plugin is listed, enabled or not; lazio is active nowhere until an administrator turns it on.
      expect(json.plugins).toEqual([
        expect.objectContaining({ id: 'hello', enabled: false }),
        expect.objectContaining({ id: 'lazio', enabled: false, activeIn: [] }),
        expect.objectContaining({ id: 'siuss', enabled: false, activeIn: [] }),
      ]);
    } finally {
      await db.stop();
    }
  });
});

describe('sigess init', () => {
  it('sets up a new installation with its root organization and first administrator, once', async () => {
    const db = await createTestDatabase();
    try {
      const args = [
        'init',
        '--organization',
        'regione-x',
        '--organization-name',
        'Regione X',
        '--username',
        'primo',
        '--display-name',
        'Primo Amministratore',
      ];
      const weak = sigess(args, { DATABASE_URL: db.url, SIGESS_INIT_PASSWORD: 'short' });
      expect(weak.status).toBe(1);
      expect(weak.stderr).toContain('the password is not acceptable: shorter than 12 characters');

      const env = { DATABASE_URL: db.url, SIGESS_INIT_PASSWORD: 'a-long-first-password' };
      const done = sigess(args, env);
      expect(done.stderr).toBe('');
      expect(done.stdout).toBe(
        'installation ready: organization regione-x, system administrator primo; sign in and continue in Amministrazione\n',
      );
      const again = sigess(args, env);
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('init is for a new installation only');

      const client = new Client({ connectionString: db.url });
      await client.connect();
      try {
        const { rows } = await client.query(
          `select o.code, o.kind, m.role_id, op.username, op.password_hash like '$argon2id$%' as hashed
           from core.membership m join core.organization o on o.id = m.organization_id join core.operator op on op.id = m.operator_id`,
        );
        expect(rows).toEqual([{ code: 'regione-x', kind: 'region', role_id: 'system-admin', username: 'primo', hashed: true }]);
      } finally {
        await client.end();
      }
    } finally {
      await db.stop();
    }
  });
});

describe('sigess start', () => {
  it('prints one clear line when a plugin cannot be loaded', () => {
    const dir = join(TMP, 'incompatible');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'plugins', 'old'), { recursive: true });
    writeFileSync(
      join(dir, 'plugins', 'old', 'package.json'),
      JSON.stringify({
        name: 'old',
        version: '1.0.0',
        engines: { sigess: '^9.0.0' },
        sigess: { kind: 'plugin', id: 'old', displayName: { it: 'v', en: 'o' }, description: { it: 'v', en: 'o' } },
      }),
    );
    writeFileSync(join(dir, 'sigess.config.json'), JSON.stringify({ plugins: ['./plugins/old'] }));
    const result = sigess(['start'], { SIGESS_CONFIG: join(dir, 'sigess.config.json') });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('sigess: cannot start:\n  plugin "old": requires core ^9.0.0, but this core provides SDK 0.1.0\n');
  });

  /** Starts the server on the embedded database, fetches the home page, stops it with SIGINT; returns the start time. */
  async function startAndStop(dataDir: string): Promise<{ readyMs: number; output: string }> {
    const child = spawn(process.execPath, [BIN, 'start'], {
      cwd: ROOT,
      env: {
        ...process.env,
        SIGESS_CONFIG: '',
        DATABASE_URL: '',
        PORT: '0',
        LOG_LEVEL: 'warn',
        SIGESS_DATA_DIR: dataDir,
        SIGESS_PLUGINS: 'hello',
      },
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /running at (http:\/\/\S+)/.exec(output);
        if (match) {
          clearInterval(timer);
          resolve(match[1]!);
        }
      }, 50);
      void exited.then(() => {
        clearInterval(timer);
        reject(new Error(`server exited early:\n${output}`));
      });
    });
    const home = await fetch(url);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('data-slot="hello.welcome"');
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    return { readyMs: Number(/ready in (\d+) ms/.exec(output)?.[1]), output };
  }

  it('runs on the embedded database, seeds demo data once, stops cleanly on Ctrl-C and reuses its data', async () => {
    const dataDir = join(TMP, 'data');
    rmSync(dataDir, { recursive: true, force: true });
    const first = await startAndStop(dataDir);
    expect(first.output).toContain('embedded PostgreSQL in');
    expect(first.output).toContain('demo data loaded');
    const second = await startAndStop(dataDir);
    expect(second.output).not.toContain('demo data loaded');
    expect(second.readyMs).toBeLessThan(first.readyMs);
    process.stdout.write(`embedded start-up: first ${first.readyMs} ms, second ${second.readyMs} ms\n`);
  });
});
