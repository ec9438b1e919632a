// SPDX-License-Identifier: AGPL-3.0-or-later
import { apiClient, createTestApp, signIn, type TestApp } from '@sigess/core/testing';
import { recordContact } from './fixtures';

type Client = Awaited<ReturnType<typeof apiClient>>;

/** Adele Ferri, born in Roma on 14/3/1938: the codice fiscale is hers (checked by core on registration). */
const ADELE = {
  surname: 'Ferri',
  name: 'Adele',
  sex: 'F',
  birthDate: '1938-03-14',
  birthPlaceCode: 'H501',
  codiceFiscale: 'FRRDLA38C54H501V',
};
const COMPLEX = {
  health: 'unstable',
  'daily-living': 'dependent',
  mobility: 'with-help',
  cognition: 'mild',
  'support-network': 'partial',
  'housing-income': 'difficult',
};

describe('the integrated PUA: the scheda, the pre-assessment, the back office', () => {
  let app: TestApp;
  let pua: Client;
  let contactId: string;

  beforeAll(async () => {
    app = await createTestApp({ plugins: ['lazio'] });
    pua = await apiClient(await signIn(app, 'pua.roma'));
    const personId = (await pua.post('/api/v1/people', ADELE).expect(201)).body.id as string;
    contactId = await recordContact(pua, personId);
  });
  afterAll(() => app.close());

  it('offers the scheda on the contact page of a Lazio desk', async () => {
    const page = await pua.agent.get(`/access/${contactId}`).expect(200);
    expect(page.text).toContain('data-testid="lazio-pua-fill"');
    const form = await pua.agent.get(`/p/lazio/pua/${contactId}`).expect(200);
    expect(form.text).toContain('data-testid="scheda-form"');
  });

  it('refuses a scheda field by field, and a complex need closed at the front office without a reason', async () => {
    const empty = await pua.form(`/p/lazio/pua/${contactId}`, {}).expect(422);
    expect(empty.text).toContain('data-testid="error-summary"');
    expect(empty.text).toContain('id="error-needs"');
    expect(empty.text).toContain('id="error-answers.mobility"');

    const unexplained = await pua
      .post(`/p/lazio/api/schede-pua/${contactId}`, {
        level: 'comunale',
        requestedBy: 'family',
        needs: ['home-care'],
        answers: COMPLEX,
        outcome: 'orientation',
      })
      .expect(422);
    expect(unexplained.headers['content-type']).toContain('application/problem+json');
    expect(unexplained.body.errors).toEqual([
      { field: 'outcomeNote', message: 'Il bisogno risulta complesso: spiega perché non lo invii al back office.' },
    ]);
  });

  it('scores the pre-assessment on the server and sends a complex need to the back office, audited', async () => {
    const saved = await pua
      .form(`/p/lazio/pua/${contactId}`, {
        level: 'comunale',
        requestedBy: 'family',
        needs: ['home-care', 'dementia'],
        answers: COMPLEX,
        outcome: 'back-office',
      })
      .expect(302);
    expect(saved.headers.location).toBe(`/p/lazio/pua/${contactId}?saved=1`);
    const json = (await pua.get(`/p/lazio/api/schede-pua/${contactId}`).expect(200)).body;
    expect(json).toMatchObject({ score: 8, band: 'complex', outcome: 'back-office', needs: ['home-care', 'dementia'], level: 'comunale' });
    await pua
      .post(`/p/lazio/api/schede-pua/${contactId}`, {
        level: 'comunale',
        requestedBy: 'self',
        needs: ['home-care'],
        answers: COMPLEX,
        outcome: 'back-office',
      })
      .expect(409);

    // The Municipio's social worker finds it in the back office; the ASL's operator reads schede only once the UVMD shares them.
    const worker = await apiClient(await signIn(app, 'assistente.roma'));
    const queue = (await worker.get('/p/lazio/api/back-office').expect(200)).body.items as { accessContactId: string }[];
    expect(queue.map((s) => s.accessContactId)).toEqual([contactId]);
    expect((await worker.agent.get('/p/lazio/back-office').expect(200)).text).toContain('Ferri Adele');
    const asl = await apiClient(await signIn(app, 'asl.roma'));
    await asl.get(`/p/lazio/api/schede-pua/${contactId}`).expect(403);

    const audit = await app.platform.orm.em.fork().transactional(async (tx) => {
      await tx.execute('reset role');
      const rows = await tx.execute<{ action: string }[]>(
        "select action from core.audit_log where action like 'lazio.pua-scheda.%' order by id",
      );
      await tx.execute(`set role ${app.platform.config.appRole}`);
      return rows.map((r) => r.action);
    });
    expect(audit[0]).toBe('lazio.pua-scheda.create');
    expect(audit).toContain('lazio.pua-scheda.read');
  });

  it("is not there for a desk whose organization has not turned the plugin on (Orvieto's PUA)", async () => {
    const orvieto = await apiClient(await signIn(app, 'pua'));
    await orvieto.get(`/p/lazio/pua/${contactId}`).expect(404);
  });
});
