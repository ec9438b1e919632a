// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * A plugin's demo assessments (`DemoData.assessments`): written as final assessments exactly as the assessments
 * module stores them (the engine's totals, bands and profiles, the form's version), linked to the person's cartella,
 * read back through the API like any other; found by codice fiscale or as the person of a cartella of an area;
 * skipped with a log line when the person or the form is missing; never added twice.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { createTestApp, type TestApp } from '../src/testing';
import { seedPluginDemoData } from '../src/modules/organizations/plugin-demo';
import { client, ids } from './cartella-helpers';
import { tempWorkspace, writePlugin } from './fixtures';

/** Nadia Alaoui, of the comune's demo people (fixed codes), whose disabili cartella the demo suspended. */
const NADIA = 'LAANDA70R63Z330V';

const scale = (id: string) => ({
  id,
  type: 'scale',
  labelKey: `demoform:${id}`,
  required: true,
  scale: [0, 1, 2].map((points) => ({ value: String(points), labelKey: `demoform:o${points}`, points })),
});

const FORM = {
  id: 'demoform.scale',
  version: 2,
  titleKey: 'demoform:title',
  subject: 'person',
  sections: [
    {
      id: 'main',
      titleKey: 'demoform:title',
      fields: [scale('walk'), scale('eat'), { id: 'note', type: 'text', labelKey: 'demoform:note' }],
    },
  ],
  totals: [
    {
      id: 'total',
      labelKey: 'demoform:total',
      bands: [
        { id: 'low', from: 0, to: 1, labelKey: 'demoform:low' },
        { id: 'high', from: 2, to: 4, labelKey: 'demoform:high' },
      ],
    },
  ],
  classifications: [
    {
      id: 'profile',
      labelKey: 'demoform:profile',
      totals: ['total'],
      profiles: [
        { id: 'light', labelKey: 'demoform:light', when: { total: ['low'] } },
        { id: 'heavy', labelKey: 'demoform:heavy', when: { total: ['high'] } },
      ],
    },
  ],
  permissions: { view: 'demoform.use', submit: 'demoform.use' },
};

const DEMO = {
  id: 'demoform.demo',
  assessments: [
    {
      organization: 'demo-comune',
      person: { cartellaArea: 'anziani' },
      form: FORM.id,
      answers: { walk: '2', eat: '1', note: 'Con il bastone' },
      assessedOn: { daysAgo: 3 },
    },
    {
      organization: 'demo-comune',
      person: { codiceFiscale: NADIA.toLowerCase() },
      form: FORM.id,
      answers: { walk: '0', eat: '1' },
      assessedOn: '2026-01-15',
    },
    // Nobody has this code; no form has this id: both skipped, each with a log line.
    { organization: 'demo-comune', person: { codiceFiscale: 'RSSMRA80A01H501U' }, form: FORM.id, answers: { walk: '0', eat: '0' } },
    { organization: 'demo-comune', person: { cartellaArea: 'anziani' }, form: 'demoform.missing', answers: {} },
  ],
};

const LABELS = Object.fromEntries(
  ['title', 'walk', 'eat', 'note', 'o0', 'o1', 'o2', 'total', 'low', 'high', 'profile', 'light', 'heavy'].map((k) => [k, k]),
);

interface Row {
  person: string;
  cartella: string | null;
  cartella_area: string | null;
  form_version: number;
  status: string;
  assessed_on: string;
  finalized: boolean;
  created_by: string | null;
  scores: Record<string, { value: number; band: string | null; complete: boolean }>;
  classifications: Record<string, { profile: string | null }>;
  answers: Record<string, unknown>;
}

const today = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
const daysBefore = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

describe("a plugin's demo assessments", () => {
  let app: TestApp;
  const asOwner = <R>(work: (em: EntityManager) => Promise<R>): Promise<R> =>
    app.platform.orm.em.fork().transactional(async (em) => {
      await em.execute('reset role');
      const result = await work(em);
      await em.execute(`set role ${app.platform.config.appRole}`);
      return result;
    });
  const rows = () =>
    asOwner((em) =>
      em.execute<Row[]>(
        `select a.person_id::text as person, a.cartella_id::text as cartella, k.area as cartella_area, a.form_version, a.status,
                to_char(a.assessed_on, 'YYYY-MM-DD') as assessed_on, a.finalized_at is not null as finalized, a.created_by::text as created_by,
                a.scores, a.classifications, a.answers
         from core.assessment a left join core.cartella k on k.id = a.cartella_id
         where a.form_id = ? order by a.assessed_on desc`,
        [FORM.id],
      ),
    );

  beforeAll(async () => {
    const root = tempWorkspace('demo-assessments');
    writePlugin(root, {
      id: 'demoform',
      permissions: [{ id: 'demoform.use', defaultRoles: ['operator'] }],
      code: `register(p) {
        p.contribute(sdk.Forms, ${JSON.stringify(FORM)});
        p.contribute(sdk.DemoData, ${JSON.stringify(DEMO)});
      }`,
      locales: { it: LABELS, en: LABELS },
    });
    app = await createTestApp({ rootDir: root, plugins: ['demoform'] });
  });
  afterAll(() => app.close());

  it('writes them as final assessments with the totals, bands and profiles the engine computes, on the cartella', async () => {
    const { operator } = await ids(app);
    const [anziana, nadia] = await rows();
    expect([anziana, nadia].map((r) => r?.cartella_area)).toEqual(['anziani', 'disabili']);
    expect(anziana).toMatchObject({
      status: 'final',
      finalized: true,
      form_version: 2,
      assessed_on: daysBefore(today(), 3),
      created_by: operator('assistente'),
      answers: { walk: '2', eat: '1', note: 'Con il bastone' },
      scores: { total: { value: 3, band: 'demoform:high', complete: true } },
      classifications: { profile: { profile: 'heavy' } },
    });
    expect(nadia).toMatchObject({
      assessed_on: '2026-01-15',
      scores: { total: { value: 1, band: 'demoform:low' } },
      classifications: { profile: { profile: 'light' } },
    });

    // The social worker reads them like any other assessment of the person.
    const assistente = await client(app, 'assistente', 'Comune di Orvieto');
    const listed = (await assistente.get(`/api/v1/people/${nadia!.person}/assessments?form=${FORM.id}`).expect(200)).body.items;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ formId: FORM.id, status: 'final', assessedOn: '2026-01-15' });
  });

  it('skips what it cannot find with a log line, and adds nothing when seeded again', async () => {
    const warnings: string[] = [];
    const log = { warn: (_: unknown, message: string) => void warnings.push(message) } as never;
    const added = await asOwner((em) => seedPluginDemoData(em, app.platform.kernel.registry, log));
    expect(added).toBe(0);
    expect(await rows()).toHaveLength(2);
    expect(warnings.sort()).toEqual(['demo assessment skipped: no such form', 'demo assessment skipped: no such person']);
  });

  it('refuses answers a final assessment could not have, naming the fields', async () => {
    const root = tempWorkspace('demo-assessments-bad');
    const bad = { id: 'demoform.bad', assessments: [{ ...DEMO.assessments[0], answers: { walk: '7' } }] };
    writePlugin(root, {
      id: 'demoform',
      permissions: [{ id: 'demoform.use', defaultRoles: ['operator'] }],
      code: `register(p) {
        p.contribute(sdk.Forms, ${JSON.stringify(FORM)});
        p.contribute(sdk.DemoData, ${JSON.stringify(bad)});
      }`,
      locales: { it: LABELS, en: LABELS },
    });
    await expect(createTestApp({ rootDir: root, plugins: ['demoform'] })).rejects.toThrow(
      /demo data demoform\.bad: the demoform\.scale assessment does not fit the form: walk \(.+\), eat \(.+\)/,
    );
  });
});
