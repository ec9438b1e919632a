// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';

/** A small demo territory: an ambito, its comune, the comune's access points, and a health partner. */
const DEMO_ORGANIZATIONS = [
  { code: 'demo-ambito', name: 'Ambito territoriale sociale Demo', kind: 'ambito', parent: null },
  { code: 'demo-comune', name: 'Comune di Esempio', kind: 'comune', parent: 'demo-ambito' },
  { code: 'demo-pua', name: 'Punto Unico di Accesso – Comune di Esempio', kind: 'service-point', parent: 'demo-comune' },
  { code: 'demo-segretariato', name: 'Segretariato sociale – Comune di Esempio', kind: 'service-point', parent: 'demo-comune' },
  { code: 'demo-asl', name: 'ASL Demo – Distretto sanitario', kind: 'partner', parent: null },
] as const;

/** Inserts what is missing; running it twice changes nothing. Returns how many rows it added. */
export async function seedDemoOrganizations(em: EntityManager): Promise<number> {
  let added = 0;
  for (const org of DEMO_ORGANIZATIONS) {
    const result = await em.execute<{ id: string }[]>(
      `insert into core.organization (code, name, kind, parent_id)
       values (?, ?, ?, (select id from core.organization where code = ?))
       on conflict (code) do nothing returning id`,
      [org.code, org.name, org.kind, org.parent],
    );
    added += result.length;
  }
  return added;
}
