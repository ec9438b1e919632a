// SPDX-License-Identifier: AGPL-3.0-or-later
import semver from 'semver';
import { SDK_VERSION } from '../sdk/version';
import type { PluginPackage } from './discovery';
import { StartupError } from './errors';

/** Refuses a plugin whose `engines.sigess` range this core does not satisfy. */
export function checkCompatibility(plugins: readonly PluginPackage[], sdkVersion: string = SDK_VERSION): void {
  const problems = [];
  for (const p of plugins) {
    if (!p.coreRange) {
      problems.push({ owner: p.manifest.id, message: 'declares no core range (package.json engines.sigess)' });
    } else if (!semver.validRange(p.coreRange)) {
      problems.push({ owner: p.manifest.id, message: `engines.sigess "${p.coreRange}" is not a semver range` });
    } else if (!semver.satisfies(sdkVersion, p.coreRange, { includePrerelease: true })) {
      problems.push({
        owner: p.manifest.id,
        message: `requires core ${p.coreRange}, but this core provides SDK ${sdkVersion}`,
      });
    }
  }
  if (problems.length) throw new StartupError(problems);
}

/**
 * Orders plugins so each comes after what it depends on; ties by id, so the
 * order is the same on every machine.
 */
export function orderByDependencies<P extends PluginPackage>(plugins: readonly P[]): P[] {
  const byId = new Map(plugins.map((p) => [p.manifest.id, p]));
  for (const p of plugins) {
    for (const dep of p.manifest.dependsOn) {
      if (!byId.has(dep)) throw StartupError.of(p.manifest.id, `depends on "${dep}", which is not enabled or not installed`);
    }
  }
  const ordered: P[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (p: P, path: string[]): void => {
    const id = p.manifest.id;
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(id)), id];
      throw StartupError.of(id, `is part of a dependency cycle: ${cycle.join(' → ')}`);
    }
    state.set(id, 'visiting');
    for (const dep of [...p.manifest.dependsOn].sort()) visit(byId.get(dep) as P, [...path, id]);
    state.set(id, 'done');
    ordered.push(p);
  };
  for (const p of [...plugins].sort((a, b) => a.manifest.id.localeCompare(b.manifest.id))) visit(p, []);
  return ordered;
}
