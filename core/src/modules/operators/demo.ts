// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import { OperatorService } from './operators';

/** The password of every demo account; printed at start-up and in the README. Demo data only. */
export const DEMO_PASSWORD = 'demo-sigess-2026';

/** One demo operator per role; "assistente" holds two memberships, to show the organization chooser. */
export const DEMO_OPERATORS = [
  { username: 'admin', displayName: 'Alessandra Amministratrice', memberships: [['demo-regione', 'system-admin']] },
  { username: 'ente', displayName: 'Enrico Ente', memberships: [['demo-comune', 'org-admin']] },
  { username: 'responsabile', displayName: 'Rita Responsabile', memberships: [['demo-ambito', 'service-manager']] },
  {
    username: 'assistente',
    displayName: 'Sara Assistente',
    memberships: [
      ['demo-comune', 'social-worker'],
      ['demo-pua', 'social-worker'],
    ],
  },
  { username: 'educatore', displayName: 'Edoardo Educatore', memberships: [['demo-comune', 'educator']] },
  { username: 'pua', displayName: 'Paola Sportello', memberships: [['demo-pua', 'access-point-operator']] },
  { username: 'segretariato', displayName: 'Sergio Segretariato', memberships: [['demo-segretariato', 'access-point-operator']] },
  {
    username: 'allerona',
    displayName: 'Alberto Sportello',
    memberships: [['demo-segretariato-2', 'access-point-operator']],
  },
  { username: 'amministrativo', displayName: 'Anna Amministrativa', memberships: [['demo-comune', 'clerk']] },
  { username: 'asl', displayName: 'Luca Sanitario', memberships: [['demo-asl', 'health-operator']] },
  { username: 'privacy', displayName: 'Paolo Privacy', memberships: [['demo-ambito', 'privacy-officer']] },
] as const;

/** The demo accounts present in the database (core's, then the plugins' named), with the role each holds, as "username (role)". */
export async function demoAccounts(em: EntityManager, pluginAccounts: readonly string[] = []): Promise<string[]> {
  const names = [...DEMO_OPERATORS.map((d) => d.username), ...pluginAccounts];
  const rows = await em.execute<{ username: string; roles: string }[]>(
    `select o.username, string_agg(distinct m.role_id, '+') as roles from core.operator o join core.membership m on m.operator_id = o.id
     where o.username in (${names.map(() => '?').join(', ')}) and o.active group by o.username`,
    names,
  );
  return names.flatMap((name) => rows.filter((r) => r.username === name).map((r) => `${r.username} (${r.roles})`));
}

/** Adds the demo operators that are missing; returns how many it created. */
export async function seedDemoOperators(em: EntityManager): Promise<number> {
  const operators = new OperatorService();
  let added = 0;
  for (const demo of DEMO_OPERATORS) {
    const [existing] = await em.execute<{ id: string }[]>('select id from core.operator where lower(username) = ?', [demo.username]);
    const id =
      existing?.id ?? (await operators.create(em, { username: demo.username, displayName: demo.displayName, password: DEMO_PASSWORD }));
    if (!existing) added += 1;
    for (const [orgCode, role] of demo.memberships) {
      const [org] = await em.execute<{ id: string }[]>('select id from core.organization where code = ?', [orgCode]);
      if (org) await operators.addMembership(em, id, org.id, role);
    }
  }
  return added;
}
