// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The demo's SIUSS (src/demo.ts on core's demo cartelle and interventions): the schede SINA and SINBA are seeded as
 * final assessments on their cartelle, and the records the demo comune's interventions imply come out complete,
 * but for the one left incomplete on purpose (a person with a provisional code and no residence).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { createTestApp, type TestApp } from '@sigess/core/testing';

interface RecordRow {
  kind: string;
  area: string;
  code: string | null;
  status: string;
  issues: { field: string; fix?: string }[];
  data: { Prestazione?: { SINA?: unknown }; Prestazioni?: string[]; Famiglia?: string[] };
}

describe('the SIUSS demo', () => {
  let app: TestApp;
  const asOwner = <R>(work: (em: EntityManager) => Promise<R>): Promise<R> =>
    app.platform.orm.em.fork().transactional(async (em) => {
      await em.execute('reset role');
      const result = await work(em);
      await em.execute(`set role ${app.platform.config.appRole}`);
      return result;
    });

  beforeAll(async () => {
    app = await createTestApp({ plugins: ['siuss'] });
  });
  afterAll(() => app?.close());

  it('holds final schede SINA and SINBA on the cartelle they describe', async () => {
    const schede = await asOwner((em) =>
      em.execute<{ form: string; area: string; status: string; same: boolean }[]>(
        `select a.form_id as form, k.area, a.status, k.person_id = a.person_id as same
         from core.assessment a join core.cartella k on k.id = a.cartella_id
         join core.organization o on o.id = a.owner_org_id and o.code = 'demo-comune'
         where a.form_id like 'siuss.%' order by a.form_id, k.area`,
      ),
    );
    expect(schede).toEqual([
      { form: 'siuss.sina', area: 'anziani', status: 'final', same: true },
      { form: 'siuss.sina', area: 'disabili', status: 'final', same: true },
      { form: 'siuss.sinba', area: 'famiglia-minori', status: 'final', same: true },
    ]);
  });

  it('yields the records of the granted interventions and the minor, one of them incomplete on purpose', async () => {
    expect((await app.platform.jobs.run('siuss.records.refresh')).failed).toBe(0);
    const records = await asOwner((em) =>
      em.execute<RecordRow[]>(
        `select r.kind, k.area, i.entry_code as code, r.status, r.issues, r.data
         from plg_siuss.record r join core.cartella k on k.id = r.cartella_id
         left join core.intervention i on i.id = r.source_id
         join core.organization o on o.id = r.owner_org_id and o.code = 'demo-comune'
         where r.wanted order by r.kind, k.area`,
      ),
    );
    expect(records.map((r) => `${r.kind} ${r.area} ${r.code ?? ''}`.trim())).toEqual([
      'PS_PSA_SINA anziani core.A2.07',
      'PS_PSA_SINA disabili core.A1.11',
      'PS_PSA_SINA famiglia-minori core.A2.02',
      'PS_PSA_SINA poverta core.A1.04',
      'SINBA famiglia-minori',
    ]);
    const [sad, assegno, educativa, contributo, sinba] = records as [RecordRow, RecordRow, RecordRow, RecordRow, RecordRow];
    // Complete: the ente has its codice fiscale, the people what a record needs; the PSA carry their SINA.
    for (const r of [sad, assegno, educativa, sinba]) expect({ area: r.area, issues: r.issues }).toEqual({ area: r.area, issues: [] });
    for (const r of [sad, assegno]) expect(r.data.Prestazione?.SINA).toBeDefined();
    expect(educativa.data.Prestazione?.SINA).toBeUndefined();
    expect(sinba.data).toMatchObject({ Prestazioni: ['A2.02'], Famiglia: ['1', '2', '3'] });
    // The incomplete one: no codice fiscale, no residence, both for the operator to fix on the person.
    expect(contributo.status).toBe('incomplete');
    expect(contributo.issues.map((i) => [i.field, i.fix]).sort()).toEqual([
      ['CodiceFiscale', 'person'],
      ['Indirizzo', 'person'],
    ]);
  });
});
