// SPDX-License-Identifier: AGPL-3.0-or-later
import type { SigessConfig } from '../config/config';
import { discoverInstalled } from '../kernel/discovery';
import { SDK_VERSION } from '../sdk/version';
import { asOwner, openDatabase, prepare } from '../platform';
import { ActivationService } from '../modules/organizations/activation';
import { OrganizationService } from '../modules/organizations/service';
import { pendingMigrations } from '../db/migrator';

interface Row {
  id: string;
  version: string;
  coreRange: string;
  compatible: string;
  enabled: boolean;
  activeIn: string[];
  path: string;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * Every installed plugin, enabled or not. "Active in" reads the database:
 * the organizations where each enabled plugin is on (explicit choice,
 * inherited from a parent, or the plugin's default).
 */
export async function pluginsListCommand(config: SigessConfig, options: { json?: boolean }): Promise<void> {
  const { plugins, problems } = discoverInstalled(config.rootDir);
  const enabledIds = new Set<string>();
  const activeIn = new Map<string, string[]>();
  let note = '';
  if (config.plugins.length) {
    const prepared = prepare(config);
    prepared.kernel.plugins.forEach((p) => enabledIds.add(p.id));
    const db = await openDatabase(config);
    try {
      await asOwner(prepared, db, async (orm) => {
        const em = orm.em.fork();
        if ((await pendingMigrations(em, prepared.migrationOwners)).length) {
          note = 'the database has pending migrations: run "sigess migrate" to see where plugins are active';
          return;
        }
        const activation = new ActivationService(prepared.kernel.plugins);
        for (const org of await new OrganizationService(activation).list(em)) {
          for (const id of await activation.activeFor(em, org.id)) activeIn.set(id, [...(activeIn.get(id) ?? []), org.code]);
        }
      });
    } finally {
      await db.stop();
    }
  }
  const semver = await import('semver');
  const rows: Row[] = plugins.map((p) => ({
    id: p.manifest.id,
    version: p.version,
    coreRange: p.coreRange ?? '(none)',
    compatible: p.coreRange && semver.satisfies(SDK_VERSION, p.coreRange) ? 'yes' : 'no',
    enabled: enabledIds.has(p.manifest.id),
    activeIn: activeIn.get(p.manifest.id) ?? [],
    path: p.dir,
  }));
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ sdk: SDK_VERSION, plugins: rows, problems: problems.map((e) => e.message) }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`SIGeSS core SDK ${SDK_VERSION}\n\n`);
  if (!rows.length) process.stdout.write('no plugins installed\n');
  else {
    process.stdout.write(
      `${table([
        ['PLUGIN', 'VERSION', 'CORE RANGE', 'COMPATIBLE', 'ENABLED', 'ACTIVE IN'],
        ...rows.map((r) => [
          r.id,
          r.version,
          r.coreRange,
          r.compatible,
          r.enabled ? 'yes' : 'no',
          r.enabled ? (r.activeIn.length ? r.activeIn.join(', ') : '(no organization)') : '-',
        ]),
      ])}\n`,
    );
  }
  if (note) process.stdout.write(`\n${note}\n`);
  for (const problem of problems) process.stdout.write(`\nproblem: ${problem.message}\n`);
}
