// SPDX-License-Identifier: AGPL-3.0-or-later
/** Lazio's eligibility rules as functions of the facts, with the reasons as the operator reads them. */
import { join } from 'node:path';
import type { AssessmentAnswer, AssessmentFact, DisabilityFact, EligibilityFacts, TerritoryLevel } from '@sigess/core/sdk';
import { ruleChecker } from '@sigess/core/testing';
import { DISABILITA_GRAVISSIMA_FORM, GRAVISSIMA_CONDITIONS, GRAVISSIMA_FORM_ID } from '../src/forms/disabilita-gravissima';
import { LAZIO_RULES, disabilitaGravissima, residenceInDistretto } from '../src/rules';

const locales = { namespace: 'lazio', dir: join(__dirname, '..', 'locales') };
const italian = ruleChecker(LAZIO_RULES, { locales });
const english = ruleChecker(LAZIO_RULES, { locales, locale: 'en' });
/** Intl's non-breaking spaces as plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

const distretto: TerritoryLevel = {
  kind: 'distretto',
  code: 'distretto-rm-6-2',
  name: 'Distretto socio-sanitario RM 6.2',
  comuni: [
    { code: 'A132', name: 'Albano Laziale' },
    { code: 'A401', name: 'Ariccia' },
    { code: 'D972', name: 'Genzano di Roma' },
  ],
};
const region: TerritoryLevel = {
  kind: 'region',
  code: 'regione-lazio',
  name: 'Regione Lazio',
  comuni: [...distretto.comuni, { code: 'H501', name: 'Roma' }],
};

/** A person of Genzano di Roma, checked on 15 June 2026 against the Comune di Genzano's offer, nothing else on record. */
function facts(over: Partial<EligibilityFacts> = {}): EligibilityFacts {
  return {
    on: '2026-06-15',
    person: {
      id: 'p',
      birthDate: '1950-06-15',
      deceasedDate: null,
      residence: { comuneCode: 'D972', comuneName: 'Genzano di Roma (RM)' },
      noFixedAbode: false,
    },
    household: null,
    isee: [],
    disability: [],
    assessments: [],
    unreadableForms: [],
    territory: {
      organization: 'Comune di Genzano di Roma',
      kind: 'comune',
      code: 'comune-genzano',
      comuni: [{ code: 'D972', name: 'Genzano di Roma' }],
      ancestors: [distretto, region],
    },
    ...over,
  };
}

const certification = (over: Partial<DisabilityFact> = {}): DisabilityFact => ({
  invalidityPercent: 100,
  law104: 'c3',
  accompaniment: true,
  certifiedOn: '2025-03-01',
  expiresOn: null,
  valid: true,
  ...over,
});

/** Every art. 3 question answered "no", then `answers` on top. */
function assessment(answers: Record<string, AssessmentAnswer> = {}, over: Partial<AssessmentFact> = {}): AssessmentFact {
  const none = Object.fromEntries(GRAVISSIMA_CONDITIONS.map((c) => [c.gate, 'no']));
  return {
    id: 'a-1',
    formId: GRAVISSIMA_FORM_ID,
    formVersion: 1,
    assessedOn: '2026-05-20',
    answers: { ...none, 'certified-by': 'Dr. Neri, ASL Roma 6', 'certified-on': '2026-05-02', ...answers },
    scores: {},
    ...over,
  };
}

const gravissima = async (f: EligibilityFacts, checker = italian) => {
  const result = await checker.check({ rule: 'lazio.disabilita-gravissima' }, f);
  return { outcome: result.outcome, reason: plain(result.reason), used: result.used };
};
const residence = async (f: EligibilityFacts, checker = italian) => {
  const result = await checker.check({ rule: 'lazio.residence-in-distretto' }, f);
  return { outcome: result.outcome, reason: plain(result.reason), used: result.used };
};

describe('lazio.disabilita-gravissima', () => {
  it('passes with the accompaniment and one condition, naming it with its measure', async () => {
    const f = facts({ disability: [certification()], assessments: [assessment({ coma: 'yes', gcs: 8 })] });
    expect(await gravissima(f)).toEqual({
      outcome: 'pass',
      reason:
        'Indennità di accompagnamento e, dalla valutazione del 20/05/2026, a) coma, stato vegetativo o di minima coscienza (GCS 8): disabilità gravissima (DM 26/9/2016, art. 3).',
      used: { accompaniment: true, assessment: 'a-1', assessedOn: '2026-05-20', conditions: 'a' },
    });
    expect((await gravissima(f, english)).reason).toBe(
      'Indennità di accompagnamento and, from the assessment of 20/05/2026, a) coma, vegetative or minimally conscious state (GCS 8): disabilità gravissima (DM 26/9/2016, art. 3).',
    );
  });

  it('names every condition met, and for e) the scales within their thresholds only', async () => {
    const f = facts({
      disability: [certification()],
      assessments: [assessment({ motor: 'yes', mrc: 2, edss: 9.5, 'hoehn-yahr': 5, ventilation: 'yes' })],
    });
    const result = await gravissima(f);
    expect(result.outcome).toBe('pass');
    expect(result.reason).toContain(
      'b) dipendenza da ventilazione meccanica continuativa (24/7) e e) gravissima compromissione motoria (EDSS 9,5 e Hoehn e Yahr stadio 5)',
    );
    expect(result.used.conditions).toBe('b,e');
  });

  // Each letter at its threshold and just past it: the decree's numbers, read from the form's data.
  it.each([
    ['a', { coma: 'yes', gcs: 10 }, { coma: 'yes', gcs: 11 }, 'GCS 10'],
    ['b', { ventilation: 'yes' }, { ventilation: 'no' }, 'ventilazione meccanica continuativa (24/7)'],
    ['c', { dementia: 'yes', cdrs: 4 }, { dementia: 'yes', cdrs: 3 }, 'CDRS 4'],
    ['d', { 'spinal-lesion': 'yes', asia: 'B' }, { 'spinal-lesion': 'yes', asia: 'C' }, 'ASIA B'],
    ['e', { motor: 'yes', mrc: 1 }, { motor: 'yes', mrc: 1.5, edss: 8.5, 'hoehn-yahr': 4 }, 'MRC 1 ai 4 arti'],
    [
      'f',
      { sensory: 'yes', vision: 'yes', 'hearing-db': 90 },
      { sensory: 'yes', vision: 'no', 'hearing-db': 110 },
      'minorazione visiva grave e ipoacusia di 90 dB HTL',
    ],
    ['g', { autism: 'yes', 'autism-level': 3 }, { autism: 'yes', 'autism-level': 2 }, 'livello 3 del DSM-5'],
    ['h', { intellectual: 'yes', iq: 34, lapmer: 8 }, { intellectual: 'yes', iq: 34, lapmer: 9 }, 'QI 34 e LAPMER 8'],
    ['i', { 'vital-dependency': 'yes', 'vital-dependency-notes': 'Tracheostomia, nutrizione enterale' }, {}, 'allegato 2'],
  ] as const)('letter %s: met at the threshold, not past it', async (letter, met, notMet, words) => {
    const pass = await gravissima(facts({ disability: [certification()], assessments: [assessment(met)] }));
    expect(pass).toMatchObject({ outcome: 'pass', used: { conditions: letter } });
    expect(pass.reason).toContain(`${letter}) `);
    expect(pass.reason).toContain(words);
    expect(await gravissima(facts({ disability: [certification()], assessments: [assessment(notMet)] }))).toMatchObject({
      outcome: 'fail',
    });
  });

  it('does not count a measure whose question was answered "no" (a hidden field has no answer)', async () => {
    const f = facts({ disability: [certification()], assessments: [assessment({ coma: 'no', gcs: 5 })] });
    expect((await gravissima(f)).outcome).toBe('fail');
  });

  it('fails naming what is missing: the accompaniment, the conditions, or both', async () => {
    const noAccompaniment = facts({
      disability: [certification({ accompaniment: false })],
      assessments: [assessment({ ventilation: 'yes' })],
    });
    expect(await gravissima(noAccompaniment)).toMatchObject({
      outcome: 'fail',
      reason: "Disabilità gravissima non riconosciuta: le certificazioni valide non attestano l'indennità di accompagnamento.",
      used: { accompaniment: false, conditions: 'b' },
    });
    const none = facts({ disability: [certification()], assessments: [assessment()] });
    expect((await gravissima(none)).reason).toBe(
      "Disabilità gravissima non riconosciuta: la valutazione del 20/05/2026 non rileva alcuna delle condizioni a)–i) dell'art. 3.",
    );
    const both = facts({ disability: [certification({ accompaniment: false })], assessments: [assessment()] });
    expect((await gravissima(both)).reason).toBe(
      "Disabilità gravissima non riconosciuta: le certificazioni valide non attestano l'indennità di accompagnamento e la valutazione del 20/05/2026 non rileva alcuna delle condizioni a)–i) dell'art. 3.",
    );
    // Without the accompaniment it fails even before any assessment: the UVMD cannot make up for it.
    expect((await gravissima(facts({ disability: [certification({ accompaniment: false })] }))).outcome).toBe('fail');
  });

  it('is unknown without an assessment with the form, or one the operator may not read, or without a valid certification', async () => {
    const noAssessment = await gravissima(facts({ disability: [certification()] }));
    expect(noAssessment).toEqual({
      outcome: 'unknown',
      reason:
        "Mancano dati per decidere: nessuna valutazione definitiva con la scheda «Disabilità gravissima (DM 26/9/2016, art. 3)» al 15/06/2026: va compilata dall'UVMD.",
      used: { accompaniment: true, assessment: null, assessedOn: null, conditions: null },
    });
    // Another form's assessment is not this one.
    const other = assessment({ coma: 'yes', gcs: 3 }, { formId: 'lazio.svama' });
    expect((await gravissima(facts({ disability: [certification()], assessments: [other] }))).outcome).toBe('unknown');
    const hidden = await gravissima(facts({ disability: [certification()], unreadableForms: [GRAVISSIMA_FORM_ID] }));
    expect(hidden.reason).toContain('non sono consultabili con il tuo ruolo');
    const expired = facts({
      disability: [certification({ expiresOn: '2026-01-31', valid: false })],
      assessments: [assessment({ coma: 'yes', gcs: 6 })],
    });
    expect(await gravissima(expired)).toMatchObject({
      outcome: 'unknown',
      reason:
        "Mancano dati per decidere: nessuna certificazione di invalidità valida al 15/06/2026: serve quella che attesta l'indennità di accompagnamento.",
    });
  });

  it('takes no parameters, and its form names every field the conditions read', () => {
    expect(disabilitaGravissima.params.safeParse({}).success).toBe(true);
    expect(disabilitaGravissima.params.safeParse({ max: 1 }).success).toBe(false);
    const fields = new Set(DISABILITA_GRAVISSIMA_FORM.sections.flatMap((s) => s.fields.map((f) => f.id)));
    for (const c of GRAVISSIMA_CONDITIONS) for (const id of [c.gate, ...c.measures.map((m) => m.field)]) expect(fields).toContain(id);
  });
});

describe('lazio.residence-in-distretto', () => {
  it('passes for a resident of any comune of the distretto, whichever of its comuni offers the measure', async () => {
    const ariccia = facts({ person: { ...facts().person, residence: { comuneCode: 'A401', comuneName: 'Ariccia (RM)' } } });
    expect(await residence(ariccia)).toEqual({
      outcome: 'pass',
      reason: 'Residente a Ariccia (RM), comune di Distretto socio-sanitario RM 6.2 (distretto socio-sanitario).',
      used: { comuneCode: 'A401', territory: 'distretto-rm-6-2', territoryKind: 'distretto' },
    });
    expect((await residence(ariccia, english)).reason).toBe(
      'Resident in Ariccia (RM), a comune of Distretto socio-sanitario RM 6.2 (distretto socio-sanitario).',
    );
  });

  it('fails outside the distretto, naming the comune and the distretto with its comuni', async () => {
    const roma = facts({ person: { ...facts().person, residence: { comuneCode: 'H501', comuneName: 'Roma (RM)' } } });
    expect(await residence(roma)).toMatchObject({
      outcome: 'fail',
      reason:
        'Residente a Roma (RM), fuori da Distretto socio-sanitario RM 6.2 (distretto socio-sanitario: Albano Laziale, Ariccia e Genzano di Roma).',
    });
  });

  it('uses the organization’s own territory without a distretto above it, else the nearest level with comuni', async () => {
    const ownOnly = facts({ territory: { ...facts().territory, ancestors: [region] } });
    expect(await residence(ownOnly)).toMatchObject({
      outcome: 'pass',
      reason:
        "Residente a Genzano di Roma (RM), nel territorio di Comune di Genzano di Roma: nessun distretto socio-sanitario è registrato sopra l'ente.",
    });
    const roma: TerritoryLevel = { kind: 'comune', code: 'roma-capitale', name: 'Roma Capitale', comuni: [{ code: 'H501', name: 'Roma' }] };
    const municipio = facts({
      person: { ...facts().person, residence: { comuneCode: 'H501', comuneName: 'Roma (RM)' } },
      territory: {
        organization: 'Municipio Roma VII',
        kind: 'municipio',
        code: 'roma-municipio-07',
        comuni: [],
        ancestors: [roma, region],
      },
    });
    expect(await residence(municipio)).toMatchObject({
      outcome: 'pass',
      reason:
        'Residente a Roma (RM), nel territorio di Roma Capitale, il più vicino sopra Municipio Roma VII: nessun distretto socio-sanitario è registrato.',
      used: { territory: 'roma-capitale', territoryKind: 'comune' },
    });
    // A distretto itself offering the measure is its own distretto.
    const itself = facts({
      territory: { organization: distretto.name, kind: 'distretto', code: distretto.code, comuni: distretto.comuni, ancestors: [region] },
    });
    expect((await residence(itself)).used).toMatchObject({ territory: 'distretto-rm-6-2' });
  });

  it('is unknown without a residence, for a person of no fixed abode, and for an organization with no comuni anywhere', async () => {
    expect((await residence(facts({ person: { ...facts().person, residence: null } }))).reason).toBe(
      'Residenza non registrata nella scheda della persona.',
    );
    expect(await residence(facts({ person: { ...facts().person, residence: null, noFixedAbode: true } }))).toMatchObject({
      outcome: 'unknown',
      reason: expect.stringContaining('senza fissa dimora'),
    });
    const asl = facts({ territory: { organization: 'ASL Roma 6', kind: 'partner', code: 'asl-roma-6', comuni: [], ancestors: [] } });
    expect(await residence(asl)).toMatchObject({ outcome: 'unknown', reason: expect.stringContaining('ASL Roma 6 non ha comuni') });
    expect(residenceInDistretto.params.safeParse({ kind: 'ambito' }).success).toBe(false);
  });
});
