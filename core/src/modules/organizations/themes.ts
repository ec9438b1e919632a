// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Look, Looks } from '../../views/looks';

/** An explicit theme choice made for an organization or one above it. */
export interface ThemeChoice {
  readonly organizationId: string;
  readonly organizationName: string;
  readonly themeId: string;
  /** 0 for the organization itself, 1 for its parent… */
  readonly depth: number;
}

/**
 * The theme an organization's pages wear. The nearest explicit choice up the
 * organization tree wins (a region choosing its theme dresses its comuni);
 * with none, the installation's `theme`. A choice naming a theme no longer
 * installed is passed over, so uninstalling a theme never breaks a page.
 * Cached briefly per organization, like plugin activation: several app nodes
 * share one database, so a change reaches every node within `ttlMs`.
 */
export class OrganizationThemes {
  private readonly cache = new Map<string, { at: number; look: Look }>();

  constructor(
    private readonly looks: Looks,
    private readonly ttlMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The look of the organization's pages (the installation's for a request with no organization). */
  async lookFor(em: EntityManager, organizationId: string | null): Promise<Look> {
    if (!organizationId) return this.looks.installation;
    const hit = this.cache.get(organizationId);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.look;
    const nearest = (await this.choices(em, organizationId)).find((c) => this.looks.has(c.themeId));
    const look = this.looks.get(nearest?.themeId);
    this.cache.set(organizationId, { at: this.now(), look });
    return look;
  }

  /** The explicit choices on the way up from the organization, nearest first. */
  async choices(em: EntityManager, organizationId: string): Promise<ThemeChoice[]> {
    return em.execute<ThemeChoice[]>(
      `with recursive up(id, parent_id, depth) as (
         select id, parent_id, 0 from core.organization where id = ?
         union all
         select o.id, o.parent_id, up.depth + 1 from core.organization o join up on o.id = up.parent_id
       )
       select o.id::text as "organizationId", o.name as "organizationName", t.theme_id as "themeId", up.depth
         from core.organization_theme t join up on up.id = t.organization_id join core.organization o on o.id = up.id
        order by up.depth`,
      [organizationId],
    );
  }

  /** Records the organization's own choice; null forgets it, and the organization follows the one above again. */
  async choose(em: EntityManager, organizationId: string, themeId: string | null): Promise<void> {
    if (themeId === null) {
      await em.execute('delete from core.organization_theme where organization_id = ?', [organizationId]);
    } else {
      await em.execute(
        `insert into core.organization_theme (organization_id, theme_id) values (?, ?)
         on conflict (organization_id) do update set theme_id = excluded.theme_id, changed_at = now()`,
        [organizationId, themeId],
      );
    }
    // Every descendant may follow this choice: forget them all, not only this organization.
    this.invalidate();
  }

  invalidate(): void {
    this.cache.clear();
  }
}
