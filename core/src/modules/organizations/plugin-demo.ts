// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import { DemoData, OrganizationStructures } from '../../sdk/extension-points/organizations';
import type { ExtensionRegistry } from '../../kernel/registry';
import { DEMO_PASSWORD } from '../operators/demo';
import { OperatorService } from '../operators/operators';
import { activatePlugins, createPlanned, planStructure } from './structures';

/**
 * The enabled plugins' demo data (`DemoData`), after core's: their structures applied as an administrator would
 * (plugins turned on at the roots), their extra organizations, their accounts with the demo password, their offers, the
 * themes their organizations wear. Idempotent:
 * what is there is kept. Returns the rows added.
 */
export async function seedPluginDemoData(em: EntityManager, registry: ExtensionRegistry): Promise<number> {
  const structures = registry.everything(OrganizationStructures).map((s) => s.value);
  const operators = new OperatorService();
  let added = 0;
  for (const { value: data } of registry.everything(DemoData)) {
    for (const id of data.structures ?? []) {
      const structure = structures.find((s) => s.id === id);
      if (!structure) throw new Error(`demo data ${data.id}: unknown organization structure ${id}`);
      const plan = await planStructure(em, structure.nodes);
      const { ids, created } = await createPlanned(em, plan);
      const roots = structure.nodes.filter((n) => n.parent === undefined).map((n) => ids.get(n.code)!);
      await activatePlugins(em, roots, structure.activate ?? []);
      added += created.length;
    }
    added += (await createPlanned(em, await planStructure(em, data.organizations ?? []))).created.length;
    for (const demo of data.operators ?? []) {
      const [existing] = await em.execute<{ id: string }[]>('select id from core.operator where lower(username) = ?', [demo.username]);
      const id =
        existing?.id ?? (await operators.create(em, { username: demo.username, displayName: demo.displayName, password: DEMO_PASSWORD }));
      if (!existing) added += 1;
      for (const m of demo.memberships) {
        const [org] = await em.execute<{ id: string }[]>('select id::text as id from core.organization where code = ?', [m.organization]);
        if (!org) throw new Error(`demo data ${data.id}: operator ${demo.username} joins the missing organization ${m.organization}`);
        await operators.addMembership(em, id, org.id, m.role);
      }
    }
    for (const offer of data.offers ?? []) {
      const rows = await em.execute(
        `insert into core.service_offer (owner_org_id, entry_code, unit_cost, yearly_budget, capacity)
         select id, ?, ?, ?, ? from core.organization where code = ? on conflict (owner_org_id, entry_code) do nothing returning id`,
        [offer.entry, offer.unitCost ?? null, offer.yearlyBudget ?? null, offer.capacity ?? null, offer.organization],
      );
      added += rows.length;
    }
    for (const choice of data.themes ?? []) {
      const rows = await em.execute(
        `insert into core.organization_theme (organization_id, theme_id)
         select id, ? from core.organization where code = ? on conflict (organization_id) do nothing returning organization_id`,
        [choice.theme, choice.organization],
      );
      added += rows.length;
    }
  }
  return added;
}
