// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { LoadedPlugin } from '../../kernel/kernel';

interface ActivationRow {
  plugin_id: string;
  active: boolean;
  depth: number;
}

/**
 * Which enabled plugins are active for an organization. The nearest explicit
 * choice up the organization tree wins (turning a regional plugin on for a region turns
 * it on for its comuni); with none, a plugin's manifest decides (`instance`:
 * on, `organization`: off). A plugin whose dependency is off is off too.
 * Results are cached briefly per organization: several app nodes share one
 * database, so a change reaches every node within `ttlMs`.
 */
export class ActivationService {
  private readonly cache = new Map<string, { at: number; active: ReadonlySet<string> }>();

  constructor(
    private readonly plugins: readonly LoadedPlugin[],
    private readonly ttlMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  async activeFor(em: EntityManager, organizationId: string | null): Promise<ReadonlySet<string>> {
    const key = organizationId ?? '';
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.active;
    const rows = organizationId
      ? await em.execute<ActivationRow[]>(
          `with recursive up(id, parent_id, depth) as (
             select id, parent_id, 0 from core.organization where id = ?
             union all
             select o.id, o.parent_id, up.depth + 1 from core.organization o join up on o.id = up.parent_id
           )
           select p.plugin_id, p.active, up.depth from core.organization_plugin p join up on up.id = p.organization_id`,
          [organizationId],
        )
      : [];
    const active = this.resolve(rows);
    this.cache.set(key, { at: this.now(), active });
    return active;
  }

  /** Forget cached answers (after a change made by this node). */
  invalidate(): void {
    this.cache.clear();
  }

  private resolve(rows: readonly ActivationRow[]): ReadonlySet<string> {
    const nearest = new Map<string, ActivationRow>();
    for (const row of rows) {
      const seen = nearest.get(row.plugin_id);
      if (!seen || row.depth < seen.depth) nearest.set(row.plugin_id, row);
    }
    const active = new Set<string>();
    // Plugins come in dependency order, so a dependency is decided before its dependants.
    for (const plugin of this.plugins) {
      const choice = nearest.get(plugin.id);
      const on = choice ? choice.active : plugin.pkg.manifest.activation === 'instance';
      if (on && plugin.pkg.manifest.dependsOn.every((dep) => active.has(dep))) active.add(plugin.id);
    }
    return active;
  }
}
