// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';

interface DemoOrganization {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly subkind?: string;
  readonly parent: string | null;
  /** A comune's cadastral code; its ISTAT code and name come from the territory reference data. */
  readonly belfiore?: string;
  /**
   * The ente's own codice fiscale (11 digits, the last a check digit), which national flows name the sender by.
   * The demo comuni's are fictional: well-formed, issued by no office.
   */
  readonly taxCode?: string;
}

/**
 * A small demo territory: a region, an ambito with three comuni, the comuni's
 * access points, and a health partner. The comuni are real ones, so their
 * codes match the reference data and the demo people's codici fiscali.
 */
const DEMO_ORGANIZATIONS: readonly DemoOrganization[] = [
  { code: 'demo-regione', name: 'Regione Demo', kind: 'region', parent: null },
  { code: 'demo-ambito', name: 'Ambito territoriale sociale Demo', kind: 'ambito', parent: 'demo-regione' },
  { code: 'demo-comune', name: 'Comune di Orvieto', kind: 'comune', parent: 'demo-ambito', belfiore: 'G148', taxCode: '81000100552' },
  { code: 'demo-comune-2', name: 'Comune di Allerona', kind: 'comune', parent: 'demo-ambito', belfiore: 'A207', taxCode: '81000200550' },
  {
    code: 'demo-comune-3',
    name: 'Comune di Castel Viscardo',
    kind: 'comune',
    parent: 'demo-ambito',
    belfiore: 'C289',
    taxCode: '81000300558',
  },
  { code: 'demo-pua', name: 'Punto Unico di Accesso – Orvieto', kind: 'service-point', subkind: 'pua', parent: 'demo-comune' },
  {
    code: 'demo-segretariato',
    name: 'Segretariato sociale – Orvieto',
    kind: 'service-point',
    subkind: 'segretariato',
    parent: 'demo-comune',
  },
  {
    code: 'demo-segretariato-2',
    name: 'Segretariato sociale – Allerona',
    kind: 'service-point',
    subkind: 'segretariato',
    parent: 'demo-comune-2',
  },
  { code: 'demo-asl', name: 'ASL Demo – Distretto sanitario', kind: 'partner', subkind: 'asl', parent: null },
];

/** Inserts what is missing; running it twice changes nothing. Returns how many rows it added. */
export async function seedDemoOrganizations(em: EntityManager): Promise<number> {
  let added = 0;
  for (const org of DEMO_ORGANIZATIONS) {
    const result = await em.execute<{ id: string }[]>(
      `insert into core.organization (code, name, kind, subkind, parent_id, belfiore_code, istat_code, tax_code)
       select ?, ?, ?, ?, (select id from core.organization where code = ?), m.belfiore_code, m.istat_code, ?
       from (select ?::text as wanted) w left join core.municipality m on m.belfiore_code = w.wanted
       on conflict (code) do nothing returning id`,
      [org.code, org.name, org.kind, org.subkind ?? null, org.parent, org.taxCode ?? null, org.belfiore ?? null],
    );
    added += result.length;
  }
  return added;
}
