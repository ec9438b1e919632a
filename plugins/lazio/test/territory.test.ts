// SPDX-License-Identifier: AGPL-3.0-or-later
import { apiClient, createTestApp, signIn, type TestApp } from '@sigess/core/testing';
import { LAZIO_DISTRETTI_STRUCTURE, ROMA_CAPITALE } from '../src/territory/structures';
import { LAZIO_DISTRETTI } from '../src/territory/distretti';

type Structure = {
  id: string;
  counts: { create: number; exists: number; conflict: number };
  nodes: { code: string; status: string; conflict: string | null }[];
};

describe("Lazio's territory as data, and the Roma demo", () => {
  let app: TestApp;
  const sql = <T>(query: string, params: unknown[] = []) => app.platform.orm.em.fork().execute<T[]>(query, params);
  /** The audit log is fenced per organization: read it as the database owner. */
  const asOwner = <T>(query: string, params: unknown[] = []) =>
    app.platform.orm.em.fork().transactional(async (tx) => {
      await tx.execute('reset role');
      const rows = await tx.execute<T[]>(query, params);
      await tx.execute(`set role ${app.platform.config.appRole}`);
      return rows;
    });
  const active = async (code: string): Promise<boolean> => {
    const [org] = await sql<{ id: string }>('select id::text as id from core.organization where code = ?', [code]);
    return (await app.platform.activation.activeFor(app.platform.orm.em.fork(), org!.id)).has('lazio');
  };

  beforeAll(async () => {
    app = await createTestApp({ plugins: ['lazio'] });
  });
  afterAll(() => app.close());

  it('seeds Roma Capitale, Municipio VII with its PUA and segretariato, the ASL district, and their accounts', async () => {
    const codes = (await sql<{ code: string }>('select code from core.organization')).map((r) => r.code);
    expect(codes).toEqual(
      expect.arrayContaining([...ROMA_CAPITALE.nodes.map((n) => n.code), 'roma-municipio-07-pua', 'roma-municipio-07-segretariato']),
    );
    const [roma] = await sql<{ istat: string; kind: string }>(
      "select istat_code as istat, kind from core.organization where code = 'roma-capitale'",
    );
    expect(roma).toEqual({ istat: '058091', kind: 'comune' });
    // Turned on at the structure's roots, so everything below uses it; Orvieto's comune, in another region, does not.
    expect(await active('roma-municipio-07-pua')).toBe(true);
    expect(await active('asl-roma-2-distretto-07')).toBe(true);
    expect(await active('demo-comune')).toBe(false);

    for (const username of ['pua.roma', 'segretariato.roma', 'assistente.roma', 'responsabile.roma', 'asl.roma'])
      await signIn(app, username);
    const pua = await apiClient(await signIn(app, 'pua.roma'));
    const catalogue = (await pua.get('/api/v1/catalogue').expect(200)).body.items as { source: string }[];
    expect(catalogue.some((i) => i.source === 'lazio')).toBe(true);
    // The demo dresses the region's organizations in the Lazio theme; Orvieto keeps the installation's.
    expect((await pua.agent.get('/').expect(200)).text).toContain('/assets/themes/lazio/');
    const orvieto = await apiClient(await signIn(app, 'pua'));
    expect((await orvieto.agent.get('/').expect(200)).text).not.toContain('/assets/themes/lazio/');
    expect(
      ((await orvieto.get('/api/v1/catalogue').expect(200)).body.items as { source: string }[]).some((i) => i.source === 'lazio'),
    ).toBe(false);
  });

  it('lets an administrator of the installation review a structure and apply what is missing, audited', async () => {
    const admin = await apiClient(await signIn(app, 'admin'));
    const listed = (await admin.get('/api/v1/admin/structures').expect(200)).body.items as Structure[];
    expect(listed.find((s) => s.id === 'lazio.roma-capitale')?.counts).toEqual({
      create: 0,
      exists: ROMA_CAPITALE.nodes.length,
      conflict: 0,
    });

    // A Municipio nobody has used yet goes missing; the plan says so and applying creates it again.
    await sql("delete from core.organization where code = 'roma-municipio-01'");
    const plan = (await admin.get('/api/v1/admin/structures/lazio.roma-capitale').expect(200)).body as Structure;
    expect(plan.counts.create).toBe(1);
    expect(plan.nodes.find((n) => n.code === 'roma-municipio-01')?.status).toBe('create');

    const applied = (await admin.post('/api/v1/admin/structures/lazio.roma-capitale/apply').expect(200)).body as Structure;
    expect(applied.counts).toMatchObject({ create: 0, conflict: 0 });
    const [created] = await sql<{ id: string; parent: string }>(
      "select o.id::text as id, p.code as parent from core.organization o join core.organization p on p.id = o.parent_id where o.code = 'roma-municipio-01'",
    );
    expect(created?.parent).toBe('roma-capitale');
    const audit = await asOwner<{ action: string }>(
      "select action from core.audit_log where entity_id = ? and action = 'organization.create'",
      [created!.id],
    );
    expect(audit).toHaveLength(1);

    // The page shows the same plan, with nothing left to create.
    const page = await admin.agent.get('/admin/structures/lazio.roma-capitale').expect(200);
    expect(page.text).toContain('Municipio Roma VII – Appio-Latino/Tuscolano/Cinecittà');
    expect(page.text).not.toContain('data-testid="apply"');
  });

  it("applies the rest of the region: every distretto with its comuni, the ASLs beside Roma's", async () => {
    const admin = await apiClient(await signIn(app, 'admin'));
    const plan = (await admin.get('/api/v1/admin/structures/lazio.distretti').expect(200)).body as Structure;
    // The region and ASL Roma 3 came with Roma Capitale: kept, not created twice.
    expect(plan.counts).toEqual({ create: LAZIO_DISTRETTI_STRUCTURE.nodes.length - 2, exists: 2, conflict: 0 });
    await admin.post('/api/v1/admin/structures/lazio.distretti/apply').expect(200);
    const comuni = await sql<{ distretto: string; count: number }>(
      `select d.code as distretto, count(*)::int as count from core.organization c join core.organization d on d.id = c.parent_id
       where c.kind = 'comune' and d.kind = 'distretto' group by d.code`,
    );
    expect(comuni).toHaveLength(LAZIO_DISTRETTI.length);
    for (const d of LAZIO_DISTRETTI) expect(comuni.find((c) => c.distretto === d.code)?.count).toBe(d.comuni.length);
    const [fiumicino] = await sql<{ parent: string }>(
      "select p.code as parent from core.organization o join core.organization p on p.id = o.parent_id where o.code = 'asl-roma-3-distretto-fiumicino'",
    );
    expect(fiumicino?.parent).toBe('asl-roma-3');
  });

  it('refuses the whole structure when an organization of another kind holds one of its codes, writing nothing', async () => {
    const admin = await apiClient(await signIn(app, 'admin'));
    await sql("delete from core.organization where code in ('roma-municipio-02', 'roma-municipio-03')");
    await sql("insert into core.organization (code, name, kind) values ('roma-municipio-03', 'Un distretto', 'distretto')");
    const refused = await admin.post('/api/v1/admin/structures/lazio.roma-capitale/apply').expect(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.detail).toContain('roma-municipio-03');
    expect(await sql("select 1 from core.organization where code = 'roma-municipio-02'")).toHaveLength(0);

    const page = await admin.agent.get('/admin/structures/lazio.roma-capitale').expect(200);
    expect(page.text).toContain('data-status="conflict"');
  });

  it('is for administrators of the whole installation only', async () => {
    const ente = await apiClient(await signIn(app, 'ente'));
    await ente.get('/api/v1/admin/structures').expect(404);
    await ente.post('/api/v1/admin/structures/lazio.roma-capitale/apply').expect(404);
  });
});
