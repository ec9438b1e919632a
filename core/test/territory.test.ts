// SPDX-License-Identifier: AGPL-3.0-or-later
import { belfioreConnector } from '@marketto/belfiore-connector-embedded';
import { createTestApp, signIn, type TestApp } from '../src/testing';
import { TerritoryService } from '../src/modules/territory';
import { readTerritory, repairMojibake } from '../src/modules/territory/dataset';

/** A Date the Belfiore package built at local midnight, as YYYY-MM-DD. */
function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

describe('the territory dataset', () => {
  const data = readTerritory();

  it('pairs every current comune of ISTAT with exactly one cadastral code', () => {
    const { report } = data;
    expect(report.belfioreCurrentComuni).toBe(report.istatComuni);
    expect(report.byName + report.byNamePart + report.byFormerName).toBe(report.istatComuni);
    const current = data.municipalities.filter((m) => m.validTo === null);
    expect(new Set(current.map((m) => m.istatCode)).size).toBe(current.length);
    expect(current.every((m) => m.istatCode && m.regionCode && m.provinceCode === m.istatCode.slice(0, 3))).toBe(true);
  });

  it("decodes the Belfiore package's packed data exactly as the package's own API does", async () => {
    const listed = await belfioreConnector.toArray();
    const ours = new Map([...data.municipalities, ...data.foreignStates].map((p) => [p.belfioreCode, p]));
    expect(ours.size).toBe(listed.length);
    for (const place of listed) {
      const row = ours.get(place.belfioreCode);
      expect(row).toBeDefined();
      const from = localDay(place.creationDate);
      const to = localDay(place.expirationDate);
      expect([place.belfioreCode, row!.validFrom, row!.validTo]).toEqual([
        place.belfioreCode,
        from === '1861-01-01' ? null : from,
        to === '9999-12-31' ? null : to,
      ]);
      // Current comuni take ISTAT's name and province; the rest are the package's own.
      if ('istatCode' in row! && row.istatCode) continue;
      expect(row!.name).toBe(repairMojibake(place.name));
      const code = place.iso3166 ?? place.province;
      expect('isoCode' in row! ? row.isoCode : row!.provinceAbbreviation).toBe(code?.trim() || null);
    }
  });
});

describe('comuni and foreign states', () => {
  let app: TestApp;
  const territory = new TerritoryService();
  const em = () => app.platform.orm.em.fork();
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('knows Roma, Milano and Germania by name and by code', async () => {
    const roma = { kind: 'comune', belfioreCode: 'H501', istatCode: '058091', name: 'Roma', province: 'RM', validTo: null };
    expect(await territory.byBelfiore(em(), 'H501')).toMatchObject(roma);
    expect(await territory.comuneByIstat(em(), '058091')).toMatchObject(roma);
    expect((await territory.searchPlaces(em(), 'roma'))[0]).toMatchObject(roma);
    expect((await territory.searchPlaces(em(), '058091'))[0]).toMatchObject(roma);
    expect((await territory.searchPlaces(em(), 'Milano'))[0]).toMatchObject({ belfioreCode: 'F205', istatCode: '015146', province: 'MI' });
    const germany = { kind: 'foreign-state', belfioreCode: 'Z112', istatCode: null, name: 'Germania', province: null, validTo: null };
    expect((await territory.searchPlaces(em(), 'germania'))[0]).toEqual({ ...germany, validFrom: null });
    expect(await territory.byBelfiore(em(), 'z112')).toMatchObject(germany);
    expect(await territory.byBelfiore(em(), 'Z999')).toBeNull();
    expect(await territory.comuneByIstat(em(), '999999')).toBeNull();
    const [region] = await em().execute<{ region_code: string }[]>(
      "select region_code from core.municipality where belfiore_code = 'H501'",
    );
    expect(region!.region_code).toBe('12');
  });

  it('searches names without accents, by any word and with typos', async () => {
    expect((await territory.searchPlaces(em(), 'Forli'))[0]).toMatchObject({ belfioreCode: 'D704', name: 'Forlì' });
    expect((await territory.searchPlaces(em(), 'forlì'))[0]!.name).toBe('Forlì');
    expect((await territory.searchPlaces(em(), 'Bozen'))[0]).toMatchObject({ belfioreCode: 'A952', name: 'Bolzano/Bozen' });
    expect((await territory.searchPlaces(em(), 'citta della pieve'))[0]!.name).toBe('Città della Pieve');
    expect((await territory.searchPlaces(em(), 'Milamo')).map((p) => p.name)).toContain('Milano');
    expect(await territory.searchPlaces(em(), '%_')).toEqual([]);
    expect(await territory.searchPlaces(em(), 'san', { limit: 5 })).toHaveLength(5);
  });

  it('has the current comuni of the official list, and the ceased ones with their dates', async () => {
    const [counts] = await em().execute<{ current: number; ceased: number; states: number }[]>(
      `select (select count(*) from core.municipality where valid_to is null)::int as current,
              (select count(*) from core.municipality where valid_to is not null)::int as ceased,
              (select count(*) from core.foreign_state where valid_to is null)::int as states`,
    );
    // The packages list 7,896 comuni, as of the mergers of 22 January 2024. Mergers take away a handful
    // a year and new comuni are rare, so yearly updates stay in this band for years: a count outside it
    // means a broken load (a lost join, a decoding error), not history.
    expect(counts!.current).toBeGreaterThanOrEqual(7_880);
    expect(counts!.current).toBeLessThanOrEqual(7_910);
    expect(counts!.ceased).toBeGreaterThan(1_500);
    expect(counts!.states).toBeGreaterThan(190);

    // Rimasco and Rima San Giuseppe merged into Alto Sermenza on 1 January 2018.
    const names = async (q: string, on: string) => (await territory.searchPlaces(em(), q, { on })).map((p) => p.belfioreCode);
    expect(await names('Rimasco', '2017-12-31')).toContain('H292');
    expect(await names('Rimasco', '2018-01-01')).not.toContain('H292');
    expect(await names('Alto Sermenza', '2018-01-01')).toContain('M389');
    // Born in Montalcino in 1950: the comune of then first, the 2017 merger's after it.
    expect((await names('Montalcino', '1950-06-01')).slice(0, 2)).toEqual(['F402', 'M378']);
    expect((await names('Montalcino', '2024-06-01')).slice(0, 1)).toEqual(['M378']);
    // Agnone's record starts in 1970 (it moved to the new province of Isernia) but the comune is older.
    expect(await names('Agnone', '1950-06-01')).toContain('A080');
  });

  it('is read-only for the application', async () => {
    await expect(
      em().execute("insert into core.municipality (belfiore_code, istat_code, name) values ('Y999', '999999', 'Nowhere')"),
    ).rejects.toThrow(/row-level security/);
    await em().execute("update core.municipality set name = 'Nowhere' where belfiore_code = 'H501'");
    await em().execute("delete from core.foreign_state where belfiore_code = 'Z112'");
    expect((await territory.byBelfiore(em(), 'H501'))!.name).toBe('Roma');
    expect(await territory.byBelfiore(em(), 'Z112')).not.toBeNull();
  });

  it('answers GET /api/v1/places to signed-in operators', async () => {
    const anonymous = await app.newAgent().get('/api/v1/places?q=roma').expect(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);

    const pua = await signIn(app, 'pua');
    const found = await pua.get('/api/v1/places').query({ q: 'Roma', on: '2025-01-01' }).expect(200);
    expect(found.headers['content-type']).toMatch(/^application\/json/);
    expect(found.body.items[0]).toEqual({
      kind: 'comune',
      belfioreCode: 'H501',
      istatCode: '058091',
      name: 'Roma',
      province: 'RM',
      validFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      validTo: null,
    });
    expect((await pua.get('/api/v1/places').query({ q: 'Germania', on: '' }).expect(200)).body.items[0].belfioreCode).toBe('Z112');

    const bad = await pua.get('/api/v1/places').query({ q: 'Roma', on: '2025-02-30' }).set('Accept-Language', 'en').expect(422);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body).toMatchObject({ status: 422, errors: [{ field: 'on', message: 'Enter a valid date (yyyy-mm-dd).' }] });
    const empty = await pua.get('/api/v1/places').query({ q: ' ', limit: '500' }).expect(422);
    expect(empty.body.errors.map((e: { field: string }) => e.field)).toEqual(['q', 'limit']);

    // The query schema that validates is the one the API document shows.
    const doc = (await app.newAgent().get('/api/v1/openapi.json').expect(200)).body;
    const operation = doc.paths['/api/v1/places'].get;
    expect(operation.parameters.map((p: { name: string; required: boolean }) => [p.name, p.required])).toEqual([
      ['q', true],
      ['on', false],
      ['limit', false],
    ]);
    expect(doc.components.schemas.Place.required).toContain('belfioreCode');
  });
});
