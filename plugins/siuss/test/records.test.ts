// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Records from daily work: approving an intervention builds its PS record from the cartella (nothing typed twice),
 * publishes it as an XSD-valid flusso when complete, and leaves an incomplete one waiting with its issues field by
 * field; the monitoring figures and lists show both; the period's export file holds the complete one only.
 */
import { apiClient, createTestApp, actIn, signIn, type TestApp, asOwner } from '@sigess/core/testing';
import { ELSA, NO_RESIDENCE, homeCare, today } from './people';
import { validateAgainstXsd } from './xsd';

type Client = Awaited<ReturnType<typeof apiClient>>;

describe('SIUSS records from the cartella', () => {
  let app: TestApp;
  let pua: Client;
  let manager: Client;
  let worker: Client;

  beforeAll(async () => {
    app = await createTestApp({ plugins: ['siuss'], pluginSettings: { siuss: { waas: { enabled: true, pdnd: { mode: 'simulated' } } } } });
    pua = await apiClient(await signIn(app, 'pua'));
    manager = await apiClient(await signIn(app, 'responsabile'));
    worker = await apiClient(await actIn(await signIn(app, 'assistente'), 'Comune di Orvieto'));
    // The comune's own codice fiscale is the sender's (CFOperatore).
    await asOwner(app, (em) =>
      em.execute(`update core.organization set tax_code = '00123450557' where code = 'demo-comune' and tax_code is null`),
    );
  });
  afterAll(() => app?.close());

  async function grant(personInput: object): Promise<{ personId: string; interventionId: string }> {
    const personId = (await pua.post('/api/v1/people', personInput).expect(201)).body.id as string;
    const cartellaId = (await worker.post('/api/v1/cartelle', { personId, area: 'anziani' }).expect(201)).body.id as string;
    const res = await worker.post('/api/v1/interventions', homeCare(cartellaId));
    expect(res.body.errors ?? []).toEqual([]);
    const requested = res.body;
    await manager
      .post(`/api/v1/interventions/${requested.id}/transitions`, {
        move: 'approve',
        act: 'DD 7/2026',
        actDate: today(),
        version: requested.version,
      })
      .expect(200);
    return { personId, interventionId: requested.id as string };
  }

  it('builds, validates and publishes the records an approval implies, and exports the complete ones', async () => {
    const elsa = await grant(ELSA);
    const broken = await grant(NO_RESIDENCE);
    const month = today().slice(0, 7);

    const records = (await manager.get(`/p/siuss/api/records?from=${month}&to=${month}`).expect(200)).body.items as {
      personId: string;
      status: string;
      issues: { field: string; text: string; fix?: string }[];
      lastFlusso: string | null;
    }[];
    const ok = records.find((r) => r.personId === elsa.personId)!;
    const bad = records.find((r) => r.personId === broken.personId)!;
    expect(ok.issues).toEqual([]);
    expect(ok.status).toBe('sent');
    expect(bad.status).toBe('incomplete');
    expect(bad.issues.map((i) => i.field)).toEqual(expect.arrayContaining(['Anagrafica/CodiceCittadinanza']));
    expect(bad.issues.find((i) => i.field.startsWith('Indirizzo'))).toBeDefined();
    expect(bad.issues.every((i) => i.text && !i.text.startsWith('siuss:'))).toBe(true);

    // The published flusso is INPS's own format, valid against the official XSD, and carries the cartella's data.
    const [flusso] = await asOwner(app, (em) =>
      em.execute<{ xml: string; id_flusso: string }[]>('select xml, id_flusso from plg_siuss.flusso where id_flusso = ?', [ok.lastFlusso]),
    );
    expect(flusso!.id_flusso).toMatch(/^G148\.PS\.\d{8}\.\d{7}$/);
    expect(await validateAgainstXsd(flusso!.xml, 'PS_PSA_SINA')).toEqual([]);
    expect(flusso!.xml).toContain('CodiceFiscale="MRNLSE39D61H501B"');
    expect(flusso!.xml).toContain('CodicePrestazione="A2.02"');
    expect(flusso!.xml).toContain('CodiceComune="055023"');
    expect(flusso!.xml).toContain('CodiceCittadinanza="380"');

    // The monitoring figures count both, per organization and status.
    const monitoring = (await manager.get(`/p/siuss/api/monitoring?from=${month}&to=${month}`).expect(200)).body;
    const ps = monitoring.items.find((i: { kind: string; organizationName: string }) => i.kind === 'PS_PSA_SINA');
    expect(ps.counts.sent).toBeGreaterThanOrEqual(1);
    expect(ps.counts.incomplete).toBeGreaterThanOrEqual(1);
    await manager.get(`/p/siuss/api/monitoring?from=${month}&to=2000-01`).expect(422);

    // The page shows the issue with the link to fix it.
    const page = await manager.agent.get(`/p/siuss/records?from=${month}&to=${month}&status=incomplete`).expect(200);
    expect(page.text).toContain('Senza Residenza');
    expect(page.text).not.toContain('Marini Elsa');
  });
});
