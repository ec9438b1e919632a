// SPDX-License-Identifier: AGPL-3.0-or-later
import { apiClient, createTestApp, signIn, type TestApp } from '@sigess/core/testing';
import { LAZIO_CATALOGUE } from '../src/catalogue';

type Item = {
  code: string;
  name: string;
  inpsCode: string | null;
  regionalCode: string | null;
  source: string;
  requirements: { rule: string }[];
};

describe("the Lazio plugin's catalogue", () => {
  let app: TestApp;
  let orgId: string;

  beforeAll(async () => {
    app = await createTestApp({ plugins: ['lazio'] });
    // The demo's comune, where the PUA operator works (through its service point, which inherits the choice).
    const [org] = await app.platform.orm.em.fork().execute<{ id: string }[]>("select id from core.organization where code = 'demo-comune'");
    orgId = org!.id;
  });
  afterAll(() => app.close());

  const lazioItems = async (client: Awaited<ReturnType<typeof apiClient>>): Promise<Item[]> =>
    ((await client.get('/api/v1/catalogue').expect(200)).body.items as Item[]).filter((i) => i.source === 'lazio');
  const setActive = (active: boolean) => app.platform.organizations.setPluginActive(app.platform.orm.em.fork(), orgId, 'lazio', active);

  it('shows only where an administrator turned it on, and hides it again when turned off', async () => {
    const pua = await apiClient(await signIn(app, 'pua'));
    // Activation is per organization: nothing of Lazio's until it is turned on here.
    expect(await lazioItems(pua)).toEqual([]);

    await setActive(true);
    const items = await lazioItems(pua);
    expect(items.map((i) => i.code).sort()).toEqual(LAZIO_CATALOGUE.map((e) => e.code).sort());
    expect(items.find((i) => i.code === 'lazio.roma-saisa')).toMatchObject({
      name: 'SAISA – assistenza domiciliare anziani (Roma Capitale)',
      inpsCode: 'A2.07',
      regionalCode: 'ROMA-SAISA',
      requirements: [{ rule: 'core.residence' }, { rule: 'core.age-range' }],
    });
    const page = await pua.agent.get('/catalogue/lazio.assegno-cura-gravissima').expect(200);
    expect(page.text).toContain('Assegno di cura per disabilità gravissima (art. 25)');
    expect(page.text).toContain('disabilità gravissima (DM 26/9/2016)');

    await setActive(false);
    expect(await lazioItems(pua)).toEqual([]);
    await pua.agent.get('/catalogue/lazio.assegno-cura-gravissima').expect(404);
  });

  it('maps every prestazione to a national code core knows, and names only rules core or the plugin has', async () => {
    await setActive(true);
    const pua = await apiClient(await signIn(app, 'pua'));
    const all = (await pua.get('/api/v1/catalogue').expect(200)).body.items as Item[];
    const national = new Set(all.filter((i) => i.source === 'core').map((i) => i.inpsCode));
    for (const entry of LAZIO_CATALOGUE) {
      if (entry.inpsCode) expect(national).toContain(entry.inpsCode);
      expect(entry.regionalCode).toMatch(/^(LAZ|ROMA)-[A-Z-]+$/);
    }
    // Unknown rules or wrong parameters would have stopped the start; the English names are there too.
    const en = (await pua.get('/api/v1/catalogue').set('Cookie', 'sigess_lang=en').expect(200)).body.items as Item[];
    expect(en.find((i) => i.code === 'lazio.uvmd')?.name).toBe('Multidimensional assessment (UVMD)');
  });
});
