// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrgRef } from '../../sdk/context';
import type { ActivationService } from './activation';

/** Organizations as far as the foundation needs them: finding one, and turning plugins on or off. */
export class OrganizationService {
  constructor(private readonly activation: ActivationService) {}

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
}
