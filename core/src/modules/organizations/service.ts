// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrgRef } from '../../sdk/context';
import type { ActivationService } from './activation';

/** Organizations as far as the foundation needs them: finding one, and turning plugins on or off. */
export class OrganizationService {
  private readonly subtrees = new Map<string, { at: number; ids: readonly string[] }>();
  private readonly scopes = new Map<string, { at: number; ids: readonly string[] }>();

  constructor(
    private readonly activation: ActivationService,
    private readonly ttlMs = 5_000,
  ) {}

  /**
   * The organization and all its descendants: what an operator acting there
   * may see. Cached briefly, like plugin activation, so a change to the tree
   * reaches every node within `ttlMs`.
   */
  async subtree(em: EntityManager, organizationId: string): Promise<readonly string[]> {
    const hit = this.subtrees.get(organizationId);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.ids;
    const rows = await em.execute<{ id: string }[]>(
      `with recursive down(id) as (
         select id from core.organization where id = ?
         union all
         select o.id from core.organization o join down on o.parent_id = down.id
       )
       select id::text as id from down`,
      [organizationId],
    );
    const ids = rows.map((r) => r.id);
    this.subtrees.set(organizationId, { at: Date.now(), ids });
    return ids;
  }

  /**
   * What an operator acting in this organization may see. A service point
   * (PUA, segretariato, specialist desk) is a desk of the organization above
   * it, the data controller: its operators see everything that organization
   * sees, so that two desks of one comune share one registry instead of
   * registering the same citizen twice. Any other organization sees its subtree.
   */
  async scope(em: EntityManager, organizationId: string): Promise<readonly string[]> {
    const hit = this.scopes.get(organizationId);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.ids;
    const [controller] = await em.execute<{ id: string }[]>(
      `with recursive up(id, parent_id, kind) as (
         select id, parent_id, kind from core.organization where id = ?
         union all
         select o.id, o.parent_id, o.kind from core.organization o join up on o.id = up.parent_id where up.kind = 'service-point'
       )
       select id::text as id from up where kind <> 'service-point' or parent_id is null limit 1`,
      [organizationId],
    );
    const ids = controller ? await this.subtree(em, controller.id) : [];
    this.scopes.set(organizationId, { at: Date.now(), ids });
    return ids;
  }

  /** The organization with this code, or else the first root organization (by code). */
  async defaultOrganization(em: EntityManager, code?: string): Promise<OrgRef | null> {
    const rows = code
      ? await em.execute<OrgRef[]>('select id, code, name from core.organization where code = ?', [code])
      : await em.execute<OrgRef[]>('select id, code, name from core.organization where parent_id is null order by code limit 1');
    return rows[0] ?? null;
  }

  async list(em: EntityManager): Promise<(OrgRef & { parentId: string | null; kind: string })[]> {
    return em.execute(`select id, code, name, kind, parent_id as "parentId" from core.organization order by code`);
  }

  /** Records an explicit choice; descendants without their own choice follow it. */
  async setPluginActive(em: EntityManager, organizationId: string, pluginId: string, active: boolean): Promise<void> {
    await em.execute(
      `insert into core.organization_plugin (organization_id, plugin_id, active) values (?, ?, ?)
       on conflict (organization_id, plugin_id) do update set active = excluded.active, changed_at = now()`,
      [organizationId, pluginId, active],
    );
    this.activation.invalidate();
  }

  /** Forgets the explicit choice: the organization follows its parent's again (or the manifest's default). */
  async clearPluginChoice(em: EntityManager, organizationId: string, pluginId: string): Promise<void> {
    await em.execute('delete from core.organization_plugin where organization_id = ? and plugin_id = ?', [organizationId, pluginId]);
    this.activation.invalidate();
  }

  /** Forgets cached subtrees (after this node changed the tree), so a new organization is in reach at once. */
  invalidate(): void {
    this.subtrees.clear();
  }
}
