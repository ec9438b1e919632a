// SPDX-License-Identifier: AGPL-3.0-or-later
import { apiClient, createTestApp, signIn, type TestApp } from '@sigess/core/testing';

type Client = Awaited<ReturnType<typeof apiClient>>;

/** Teresa Bruni, born in Roma on 5/11/1934 (a valid codice fiscale). */
const TERESA = {
  surname: 'Bruni',
  name: 'Teresa',
  sex: 'F',
  birthDate: '1934-11-05',
  birthPlaceCode: 'H501',
  codiceFiscale: 'BRNTRS34S45H501M',
};
const ROME = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' });
const inDays = (n: number): string => ROME.format(new Date(Date.now() + n * 86_400_000));

describe('the UVMD: a session shares the cartella with the ASL, which writes the health part; the outcome and the PAI', () => {
  let app: TestApp;
  let worker: Client;
  let asl: Client;
  let cartellaId: string;
  let personId: string;
  const session = () => ({
    cartellaId,
    scheduledOn: inDays(7),
    place: 'Sede del Municipio VII',
    formId: 'lazio.svama',
    healthDistrictCode: 'asl-roma-2-distretto-07',
    members: [
      { name: 'Marta Assistente', role: 'social-worker', side: 'comune' },
      { name: 'Dott. Paolo Medici', role: 'district-doctor', side: 'asl' },
    ],
    shareExpiresOn: inDays(60),
    legalBasis: 'care',
  });
  /** The audit log is fenced per organization: read it as the database owner. */
  const audited = (action: string) =>
    app.platform.orm.em.fork().transactional(async (tx) => {
      await tx.execute('reset role');
      const rows = await tx.execute<{ details: Record<string, unknown> }[]>(
        'select details from core.audit_log where action = ? order by id',
        [action],
      );
      await tx.execute(`set role ${app.platform.config.appRole}`);
      return rows;
    });

  beforeAll(async () => {
    app = await createTestApp({ plugins: ['lazio'] });
    worker = await apiClient(await signIn(app, 'assistente.roma'));
    asl = await apiClient(await signIn(app, 'asl.roma'));
    personId = (await worker.post('/api/v1/people', TERESA).expect(201)).body.id as string;
    cartellaId = (await worker.post('/api/v1/cartelle', { personId, area: 'anziani' }).expect(201)).body.id as string;
  });
  afterAll(() => app.close());

  it('refuses a session field by field: no ASL member, a share ending before the session, no lawful basis', async () => {
    const bad = await worker
      .post('/p/lazio/api/uvmd', { ...session(), members: [session().members[0]], shareExpiresOn: inDays(3) })
      .expect(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['members', 'shareExpiresOn']);
    // No consent on record and no other basis: core's sharing refuses, said of the session's field.
    const unlawful = await worker.post('/p/lazio/api/uvmd', { ...session(), legalBasis: undefined }).expect(422);
    expect(unlawful.body.errors).toEqual([expect.objectContaining({ field: 'legalBasis' })]);
    expect(await audited('cartella.share.grant')).toHaveLength(0);
  });

  it('walks the session: shared with the district, the ASL sees only that and writes the health part, the owner decides', async () => {
    // The ASL sees nothing of the cartella before the session.
    const sharedWithAsl = async () =>
      ((await asl.get('/api/v1/cartelle/shared').expect(200)).body.items as { cartella: { id: string } }[]).map((s) => s.cartella.id);
    expect(await sharedWithAsl()).toEqual([]);
    await asl.agent.get(`/cartelle/${cartellaId}`).expect(404);

    const created = (await worker.post('/p/lazio/api/uvmd', session()).expect(201)).body;
    expect(created).toMatchObject({ cartellaId, personId, formId: 'lazio.svama', outcome: null });
    const [grant] = await audited('cartella.share.grant');
    expect(grant?.details).toMatchObject({
      grantee: 'asl-roma-2-distretto-07',
      parts: 'summary,diary,assessments,plan',
      legalBasis: 'care',
    });

    // The health operator of the district now sees the session and the cartella's summary, and nothing else of the Municipio.
    expect(((await asl.get('/p/lazio/api/uvmd').expect(200)).body.items as { id: string }[]).map((s) => s.id)).toEqual([created.id]);
    expect(await sharedWithAsl()).toEqual([cartellaId]);
    await asl.agent.get(`/cartelle/${cartellaId}`).expect(200);
    const page = await asl.agent.get(`/p/lazio/uvmd/${created.id}`).expect(200);
    expect(page.text).toContain('data-testid="health-form"');
    expect(page.text).not.toContain('data-testid="outcome-form"');

    await asl.post(`/p/lazio/api/uvmd/${created.id}/health`, { stability: 'sometimes' }).expect(422);
    const withHealth = (
      await asl
        .post(`/p/lazio/api/uvmd/${created.id}/health`, {
          diagnoses: 'Demenza di grado moderato; ipertensione',
          stability: 'stable',
          nursingNeeds: ['medication', 'pain'],
        })
        .expect(200)
    ).body;
    expect(withHealth.health).toMatchObject({ diagnoses: 'Demenza di grado moderato; ipertensione', nursingNeeds: ['medication', 'pain'] });
    // The outcome is the owner's: the ASL cannot record it.
    await asl.post(`/p/lazio/api/uvmd/${created.id}/outcome`, { outcome: 'no-socio-health-need' }).expect(403);

    const incomplete = await worker.post(`/p/lazio/api/uvmd/${created.id}/outcome`, { outcome: 'pai' }).expect(422);
    expect(incomplete.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'caseManager',
      'objectives',
      'reviewOn',
      'setting',
    ]);
    const decided = (
      await worker
        .post(`/p/lazio/api/uvmd/${created.id}/outcome`, {
          outcome: 'pai',
          setting: 'home',
          objectives: 'Mantenere la permanenza a domicilio in sicurezza',
          services: 'SAISA 6 ore settimanali; ADI infermieristica',
          caseManager: 'Marta Assistente',
          reviewOn: inDays(90),
        })
        .expect(200)
    ).body;
    expect(decided).toMatchObject({ outcome: 'pai', decision: { setting: 'home', caseManager: 'Marta Assistente' } });
    await worker.post(`/p/lazio/api/uvmd/${created.id}/outcome`, { outcome: 'refer-social' }).expect(409);

    // Revoked, the share closes the session and the cartella to the ASL at once.
    await asl.post(`/p/lazio/api/uvmd/${created.id}/share/revoke`).expect(403);
    await worker.post(`/p/lazio/api/uvmd/${created.id}/share/revoke`).expect(200);
    await asl.get(`/p/lazio/api/uvmd/${created.id}`).expect(404);
    expect(await sharedWithAsl()).toEqual([]);
    await asl.agent.get(`/cartelle/${cartellaId}`).expect(404);
    expect((await worker.agent.get(`/p/lazio/uvmd/${created.id}`).expect(200)).text).toContain('data-status="revoked"');
    expect(await audited('cartella.share.revoke')).toHaveLength(1);
  });

  it('closes the session to the ASL by itself the day after its share ends', async () => {
    const created = (await worker.post('/p/lazio/api/uvmd', session()).expect(201)).body;
    await asl.get(`/p/lazio/api/uvmd/${created.id}`).expect(200);
    // Time passes: the share's last day was yesterday (set as the database owner; nobody edits a share's end).
    await app.platform.orm.em.fork().transactional(async (tx) => {
      await tx.execute('reset role');
      await tx.execute('update core.cartella_share set expires_on = core.local_today() - 1 where id = ?', [created.shareId]);
      await tx.execute(`set role ${app.platform.config.appRole}`);
    });
    await asl.get(`/p/lazio/api/uvmd/${created.id}`).expect(404);
    await asl.post(`/p/lazio/api/uvmd/${created.id}/health`, { diagnoses: 'x', stability: 'stable', nursingNeeds: [] }).expect(404);
    expect((await worker.agent.get(`/p/lazio/uvmd/${created.id}`).expect(200)).text).toContain('data-status="expired"');
  });

  it('shows the sessions on the cartella and offers scheduling one to its owner', async () => {
    const page = await worker.agent.get(`/cartelle/${cartellaId}`).expect(200);
    expect(page.text).toContain('data-testid="lazio-uvmd"');
    expect(page.text).toContain(`/p/lazio/uvmd/new?cartella&#x3D;${cartellaId}`);
    const form = await worker.agent.get(`/p/lazio/uvmd/new?cartella=${cartellaId}`).expect(200);
    // The Municipio's own health district comes first, already chosen.
    expect(form.text).toMatch(/<option value="asl-roma-2-distretto-07" selected>/);
  });
});
