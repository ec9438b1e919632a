// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * What an eligibility check gathers beyond the registry: the person's latest final assessments (under the
 * request's authorization) and the territory with its ancestors, so that a rule can ask about a distretto
 * when one of its comuni offers the measure.
 */
import { createTestApp, type TestApp } from '../src/testing';
import { enterScope } from '../src/db/scope';
import { localToday } from '../src/sdk/local-time';
import type { Person } from '../src/modules/people/entities';
import { gatherFacts, territoryOf } from '../src/modules/catalogue/facts';
import type { AssessmentAccess } from '../src/modules/forms/actions';
import { asOwner } from './catalogue-helpers';
import { client, ids, person, type Client } from './cartella-helpers';

const READS_ALL: AssessmentAccess = { reads: true, unreadableForms: [] };

/** A complete first-access triage sheet, as the API takes it. */
const triage = (changes: Record<string, unknown> = {}): Record<string, unknown> => ({
  source: 'medico',
  request: 'Aiuto per la cura della madre',
  needs: ['cura-assistenza'],
  'lives-with': ['figli'],
  'has-carer': 'no',
  morbidity: '1',
  feeding: '0',
  continence: '0',
  mobility: '1',
  hygiene: '0',
  'mental-state': '0',
  urgency: 'ordinaria',
  ...changes,
});

/** A complete social assessment (Barthel 100). */
const social = (): Record<string, unknown> => ({
  'chronic-illness': 'no',
  'family-network': 'adeguata',
  'social-network': 'adeguata',
  'income-sources': ['pensione'],
  'housing-type': 'appartamento',
  'housing-tenure': 'proprieta',
  summary: 'Autonoma.',
  'adl-feeding': '10',
  'adl-bathing': '5',
  'adl-grooming': '5',
  'adl-dressing': '10',
  'adl-bowels': '10',
  'adl-bladder': '10',
  'adl-toilet': '10',
  'adl-transfers': '15',
  'adl-mobility': '15',
  'adl-stairs': '10',
});

describe('the facts of an eligibility check', () => {
  let app: TestApp;
  let assistente: Client;
  let pua: Client;
  let org: (code: string) => string;
  let personId: string;

  /** The facts as a check acting in `orgCode` gathers them on `on` (its subtree is the scope, as for a request). */
  async function factsIn(orgCode: string, on: string, access: AssessmentAccess = READS_ALL) {
    const em = app.platform.orm.em.fork();
    await em.begin();
    try {
      const scope = await em.execute<{ id: string }[]>(
        `with recursive down(id) as (
           select id from core.organization where code = ?
           union all select o.id from core.organization o join down on o.parent_id = down.id
         ) select id::text as id from down`,
        [orgCode],
      );
      await enterScope(em, { orgId: org(orgCode), orgs: scope.map((r) => r.id) });
      const subject = { id: personId, birthDate: null, deceasedDate: null, residence: null } as unknown as Person;
      return await gatherFacts(em, subject, on, org(orgCode), access);
    } finally {
      await em.rollback();
    }
  }
  const record = async (body: Record<string, unknown>): Promise<string> =>
    (await assistente.post(`/api/v1/people/${personId}/assessments`, body).expect(201)).body.id as string;

  beforeAll(async () => {
    app = await createTestApp();
    org = (await ids(app)).org;
    assistente = await client(app, 'assistente', 'Comune di Orvieto');
    pua = await client(app, 'pua');
    personId = (await pua.post('/api/v1/people', person('Valutati', 'Ada', 'F', '1941-02-03')).expect(201)).body.id as string;
  });
  afterAll(() => app.close());

  it('takes each form’s latest final assessment on or before the date: never a draft, a correction in place of what it corrects', async () => {
    const january = await record({ formId: 'core.triage', status: 'final', assessedOn: '2026-01-10', answers: triage() });
    const march = await record({
      formId: 'core.triage',
      status: 'final',
      assessedOn: '2026-03-05',
      answers: triage({ mobility: '2', urgency: 'prioritaria' }),
    });
    await record({ formId: 'core.triage', status: 'draft', assessedOn: '2026-04-01', answers: { request: 'Da completare' } });
    const february = await record({ formId: 'core.social-assessment', status: 'final', assessedOn: '2026-02-01', answers: social() });

    const spring = await factsIn('demo-comune', '2026-04-30');
    expect(spring.assessments.map((a) => [a.id, a.formId, a.assessedOn])).toEqual([
      [march, 'core.triage', '2026-03-05'],
      [february, 'core.social-assessment', '2026-02-01'],
    ]);
    expect(spring.assessments[0]).toMatchObject({
      formVersion: 1,
      answers: { mobility: '2', urgency: 'prioritaria', needs: ['cura-assistenza'] },
      scores: { need: { value: 3, max: 12, complete: true, band: 'core:forms.triage.bands.low' } },
    });
    expect(spring.unreadableForms).toEqual([]);
    // On an earlier day, the assessment of that day is what was known.
    expect((await factsIn('demo-comune', '2026-02-15')).assessments.map((a) => a.id)).toEqual([february, january]);
    expect((await factsIn('demo-comune', '2025-12-31')).assessments).toEqual([]);

    const correction = await record({
      formId: 'core.triage',
      status: 'final',
      assessedOn: '2026-03-05',
      correctsId: march,
      answers: triage({ mobility: '1' }),
    });
    const corrected = (await factsIn('demo-comune', '2026-04-30')).assessments.find((a) => a.formId === 'core.triage');
    expect(corrected).toMatchObject({ id: correction, answers: { mobility: '1' } });
  });

  it('reads only what the request may: its organizations’ rows, the forms it may see, nothing without the permission', async () => {
    expect(
      (await factsIn('demo-comune', '2026-04-30', { reads: true, unreadableForms: ['core.triage'] })).assessments.map((a) => a.formId),
    ).toEqual(['core.social-assessment']);
    const none = await factsIn('demo-comune', '2026-04-30', { reads: false, unreadableForms: ['core.social-assessment', 'core.triage'] });
    expect(none.assessments).toEqual([]);
    expect(none.unreadableForms).toEqual(['core.social-assessment', 'core.triage']);
    // Allerona's scope holds none of Orvieto's assessments (row-level security), whatever the permissions.
    expect((await factsIn('demo-comune-2', '2026-04-30')).assessments).toEqual([]);
  });

  it('checks over HTTP with the assessments the role may read, and the audit entry names them', async () => {
    await assistente.get(`/api/v1/people/${personId}/eligibility?service=core.A1.04`).expect(200);
    await pua.get(`/api/v1/people/${personId}/eligibility?service=core.A1.04`).expect(200);
    const entries = await asOwner(app, (em) =>
      em.execute<{ details: Record<string, unknown> }[]>(
        `select details from core.audit_log where action = 'eligibility.check' and entity_id = ? order by id`,
        [personId],
      ),
    );
    const now = await factsIn('demo-comune', localToday());
    // The social worker reads assessments; the access-point operator holds no core.assessments.view, so reads none.
    expect(entries.map((e) => e.details.assessments ?? null)).toEqual([now.assessments.map((a) => a.id).join(','), null]);
  });

  it('gives the territory with its ancestors, nearest first, each with the comuni below it', async () => {
    const em = app.platform.orm.em.fork();
    const ambito = {
      kind: 'ambito',
      code: 'demo-ambito',
      name: 'Ambito territoriale sociale Demo',
      comuni: [
        { code: 'A207', name: 'Allerona' },
        { code: 'C289', name: 'Castel Viscardo' },
        { code: 'G148', name: 'Orvieto' },
      ],
    };
    const region = { ...ambito, kind: 'region', code: 'demo-regione', name: 'Regione Demo' };
    expect(await territoryOf(em, org('demo-comune'))).toEqual({
      organization: 'Comune di Orvieto',
      kind: 'comune',
      code: 'demo-comune',
      comuni: [{ code: 'G148', name: 'Orvieto' }],
      ancestors: [ambito, region],
    });
    // A desk has no comune of its own: its comune is its nearest ancestor.
    expect(await territoryOf(em, org('demo-pua'))).toEqual({
      organization: 'Punto Unico di Accesso – Orvieto',
      kind: 'service-point',
      code: 'demo-pua',
      comuni: [],
      ancestors: [
        { kind: 'comune', code: 'demo-comune', name: 'Comune di Orvieto', comuni: [{ code: 'G148', name: 'Orvieto' }] },
        ambito,
        region,
      ],
    });
    expect(await territoryOf(em, org('demo-asl'))).toMatchObject({ kind: 'partner', comuni: [], ancestors: [] });
  });
});
