// SPDX-License-Identifier: AGPL-3.0-or-later
import { apiClient, createTestApp, signIn, type TestApp } from '@sigess/core/testing';
import { recordContact } from './fixtures';

type Client = Awaited<ReturnType<typeof apiClient>>;

/** Luigi Romano, born in Roma on 30/5/1932 (a valid codice fiscale). */
const LUIGI = {
  surname: 'Romano',
  name: 'Luigi',
  sex: 'M',
  birthDate: '1932-05-30',
  birthPlaceCode: 'H501',
  codiceFiscale: 'RMNLGU32E30H501Y',
};
const ANSWERS = {
  health: 'stable',
  'daily-living': 'independent',
  mobility: 'alone',
  cognition: 'intact',
  'support-network': 'adequate',
  'housing-income': 'difficult',
};

describe('turning the plugin off for an organization hides it there and keeps the data; turning it on shows it again', () => {
  let app: TestApp;
  let admin: Client;
  let pua: Client;
  let worker: Client;
  let contactId: string;
  let municipio: string;

  beforeAll(async () => {
    app = await createTestApp({ plugins: ['lazio'] });
    admin = await apiClient(await signIn(app, 'admin'));
    pua = await apiClient(await signIn(app, 'pua.roma'));
    worker = await apiClient(await signIn(app, 'assistente.roma'));
    const personId = (await pua.post('/api/v1/people', LUIGI).expect(201)).body.id as string;
    contactId = await recordContact(pua, personId, 'information');
    await pua
      .post(`/p/lazio/api/schede-pua/${contactId}`, {
        level: 'comunale',
        requestedBy: 'self',
        needs: ['home-care'],
        answers: ANSWERS,
        outcome: 'information',
      })
      .expect(201);
    const [org] = await app.platform.orm.em
      .fork()
      .execute<{ id: string }[]>("select id::text as id from core.organization where code = 'roma-municipio-07'");
    municipio = org!.id;
  });
  afterAll(() => app.close());

  /** What of the plugin the Municipio's people see: menus, forms, catalogue, the scheda's card and page. */
  async function visible() {
    const home = (await worker.agent.get('/').expect(200)).text;
    const forms = ((await worker.get('/api/v1/forms').expect(200)).body.items as { id: string }[]).map((f) => f.id);
    const catalogue = ((await worker.get('/api/v1/catalogue').expect(200)).body.items as { source: string }[]).filter(
      (i) => i.source === 'lazio',
    );
    const contact = (await pua.agent.get(`/access/${contactId}`).expect(200)).text;
    return {
      menus: ['/p/lazio/back-office', '/p/lazio/uvmd'].filter((href) => home.includes(`href="${href}"`)),
      forms: forms.filter((id) => id.startsWith('lazio.')).sort(),
      catalogue: catalogue.length > 0,
      card: contact.includes('data-testid="lazio-pua"'),
      page: (await pua.agent.get(`/p/lazio/pua/${contactId}`)).status,
    };
  }
  const choose = (state: 'on' | 'off' | 'inherit') =>
    admin.put(`/api/v1/admin/organizations/${municipio}/plugins/lazio`, { state }).expect(200);

  it('hides menus, forms, catalogue, the scheda, and shows them again with the data kept', async () => {
    const on = await visible();
    expect(on).toEqual({
      menus: ['/p/lazio/back-office', '/p/lazio/uvmd'],
      forms: ['lazio.disabilita-gravissima', 'lazio.svama', 'lazio.svamdi'],
      catalogue: true,
      card: true,
      page: 200,
    });

    await choose('off');
    expect(await visible()).toEqual({ menus: [], forms: [], catalogue: false, card: false, page: 404 });
    const kept = await app.platform.orm.em.fork().transactional(async (tx) => {
      await tx.execute('reset role');
      const rows = await tx.execute<{ n: number }[]>('select count(*)::int as n from plg_lazio.pua_scheda where access_contact_id = ?', [
        contactId,
      ]);
      await tx.execute(`set role ${app.platform.config.appRole}`);
      return rows[0]!.n;
    });
    expect(kept).toBe(1);

    // Back to the region's choice: everything is there again, the scheda with it.
    await choose('inherit');
    expect(await visible()).toEqual(on);
    expect((await pua.get(`/p/lazio/api/schede-pua/${contactId}`).expect(200)).body).toMatchObject({ outcome: 'information' });
  });
});
