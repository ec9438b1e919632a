// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CodeList } from '../src/sdk/extension-points/code-lists';
import type { FormDefinition } from '../src/sdk/extension-points/forms';
import {
  computeClassifications,
  computeScores,
  localizeIssues,
  readAnswers,
  visibleFields,
  type Answers,
} from '../src/modules/forms/engine';
import { classificationsModel } from '../src/modules/forms/present';
import { formCodeLists, formLabelKeys, formStructureProblems } from '../src/modules/forms/definition';
import { FORM_CODE_LISTS } from '../src/modules/forms/definitions/code-lists';
import { SOCIAL_ASSESSMENT_FORM } from '../src/modules/forms/definitions/social-assessment';
import { TRIAGE_FORM } from '../src/modules/forms/definitions/triage';

/** The forms engine on its own: pure functions over a definition and a set of answers. */

const lists = new Map<string, CodeList>(FORM_CODE_LISTS.map((l) => [l.id, l]));
const codeList = (id: string) => lists.get(id);
const read = (form: FormDefinition, answers: unknown, final = false, on = '2026-11-23') =>
  readAnswers(form, answers, { codeList, final, on });
const issues = (form: FormDefinition, answers: unknown, final = false) =>
  Object.fromEntries(read(form, answers, final).issues.map((i) => [i.field, i.key]));

/** Every Barthel item at the same option index (0 = the lowest score). */
function barthel(pick: (options: readonly { value: string; points: number }[]) => string): Record<string, string> {
  const autonomy = SOCIAL_ASSESSMENT_FORM.sections.find((s) => s.id === 'autonomy')!;
  return Object.fromEntries(autonomy.fields.map((f) => [f.id, pick(f.scale!)]));
}
const best = barthel((o) => o[o.length - 1]!.value);
const worst = barthel((o) => o[0]!.value);

/** Two three-level items, each its own total with identified bands, and a profile table over both. */
const level = (id: string) => ({
  id,
  type: 'scale' as const,
  labelKey: 'k',
  scale: [
    { value: 'a', labelKey: 'k', points: 0 },
    { value: 'b', labelKey: 'k', points: 1 },
    { value: 'c', labelKey: 'k', points: 2 },
  ],
});
const bands3 = [
  { id: 'low', from: 0, to: 0, labelKey: 'low' },
  { id: 'mid', from: 1, to: 1, labelKey: 'mid' },
  { id: 'high', from: 2, to: 2, labelKey: 'high' },
];
const PROFILED: FormDefinition = {
  id: 'x.profiled',
  version: 1,
  titleKey: 'k',
  subject: 'person',
  permissions: { view: 'x.v', submit: 'x.s' },
  sections: [{ id: 's', titleKey: 'k', fields: [level('mind'), { id: 'gate', type: 'yes-no', labelKey: 'k' }, level('body')] }],
  totals: [
    { id: 'mind', labelKey: 'k', fields: ['mind'], bands: bands3 },
    { id: 'body', labelKey: 'k', fields: ['body'], bands: bands3 },
  ],
  classifications: [
    {
      id: 'profile',
      labelKey: 'k',
      totals: ['mind', 'body'],
      profiles: [
        { id: 'both-low', labelKey: 'p.both-low', when: { mind: ['low'], body: ['low'] } },
        { id: 'body-high', labelKey: 'p.body-high', when: { body: ['high'] } },
        { id: 'mind-worse', labelKey: 'p.mind-worse', when: { mind: ['mid', 'high'] } },
        { id: 'other', labelKey: 'p.other', when: {} },
      ],
    },
  ],
};

describe('the forms engine', () => {
  it('shows a conditional field only while its condition holds, in cascade', () => {
    expect(visibleFields(TRIAGE_FORM, {}).has('carer')).toBe(false);
    expect(visibleFields(TRIAGE_FORM, { 'has-carer': 'no' }).has('carer')).toBe(false);
    expect(visibleFields(TRIAGE_FORM, { 'has-carer': 'yes' }).has('carer')).toBe(true);
    // A multi-choice condition holds when any chosen code is listed; a hidden controlling field counts as unanswered.
    const homes: Answers = { 'housing-type': 'appartamento' };
    expect(visibleFields(SOCIAL_ASSESSMENT_FORM, homes).has('housing-problems')).toBe(true);
    expect(visibleFields(SOCIAL_ASSESSMENT_FORM, { 'housing-type': 'senza-dimora' }).has('housing-problems')).toBe(false);
    const form: FormDefinition = {
      ...TRIAGE_FORM,
      sections: [
        {
          id: 's',
          titleKey: 'k',
          fields: [
            { id: 'a', type: 'yes-no', labelKey: 'k' },
            { id: 'b', type: 'yes-no', labelKey: 'k', visibleWhen: { field: 'a', equals: ['yes'] } },
            { id: 'c', type: 'text', labelKey: 'k', visibleWhen: { field: 'b', equals: ['yes'] } },
          ],
        },
      ],
      totals: [],
    };
    expect([...visibleFields(form, { a: 'yes', b: 'yes' })]).toEqual(['a', 'b', 'c']);
    expect([...visibleFields(form, { a: 'no', b: 'yes' })]).toEqual(['a']);
  });

  it('drops the answers of hidden fields instead of refusing them', () => {
    const result = read(TRIAGE_FORM, { 'has-carer': 'no', carer: 'La figlia Anna' });
    expect(result.issues).toEqual([]);
    expect(result.answers).toEqual({ 'has-carer': 'no' });
    // Even an invalid answer of a hidden field: it does not apply.
    expect(read(TRIAGE_FORM, { 'has-carer': 'no', carer: 'x'.repeat(500) }).issues).toEqual([]);
    expect(read(TRIAGE_FORM, { 'has-carer': 'yes', carer: 'La figlia Anna' }).answers).toEqual({
      'has-carer': 'yes',
      carer: 'La figlia Anna',
    });
  });

  it('refuses answers to fields the form does not have, and a body that is not an object', () => {
    expect(issues(TRIAGE_FORM, { 'has-carer': 'yes', shoeSize: '42' })).toEqual({ shoeSize: 'core:validation.unknownFields' });
    expect(read(TRIAGE_FORM, ['yes']).issues).toEqual([{ field: '_', key: 'core:validation.type' }]);
  });

  it('lets a draft lack required answers, and asks for them when finalizing, conditional ones included', () => {
    expect(read(TRIAGE_FORM, { 'has-carer': 'yes' }).issues).toEqual([]);
    const final = issues(TRIAGE_FORM, { 'has-carer': 'yes', urgency: 'urgente' }, true);
    expect(final).toMatchObject({
      source: 'core:validation.required',
      request: 'core:validation.required',
      needs: 'core:validation.required',
      carer: 'core:validation.required',
      'urgency-reason': 'core:validation.required',
      morbidity: 'core:validation.required',
    });
    expect(final['household-size']).toBeUndefined();
    expect(final['has-carer']).toBeUndefined();
    // "prioritaria" shows the reason without requiring it.
    expect(issues(TRIAGE_FORM, { urgency: 'prioritaria' }, true)['urgency-reason']).toBeUndefined();
  });

  it('checks numbers: a decimal comma, whole numbers, bounds', () => {
    expect(read(SOCIAL_ASSESSMENT_FORM, { isee: '7500,50' }).answers).toEqual({ isee: 7500.5 });
    expect(read(SOCIAL_ASSESSMENT_FORM, { isee: 12000 }).answers).toEqual({ isee: 12000 });
    expect(issues(SOCIAL_ASSESSMENT_FORM, { isee: 'tanti' })).toEqual({ isee: 'core:forms.errors.number' });
    expect(issues(SOCIAL_ASSESSMENT_FORM, { isee: '-1' })).toEqual({ isee: 'core:validation.min' });
    expect(issues(SOCIAL_ASSESSMENT_FORM, { 'disability-percentage': '101' })).toEqual({ 'disability-percentage': 'core:validation.max' });
    expect(issues(SOCIAL_ASSESSMENT_FORM, { 'disability-percentage': '74.5' })).toEqual({
      'disability-percentage': 'core:forms.errors.integer',
    });
    expect(read(SOCIAL_ASSESSMENT_FORM, { 'disability-percentage': '100' }).answers).toEqual({ 'disability-percentage': 100 });
  });

  it('checks choices against the code list, scale values against the options, dates, yes-no and text length', () => {
    expect(issues(TRIAGE_FORM, { source: 'astrologo' })).toEqual({ source: 'core:validation.choice' });
    expect(issues(TRIAGE_FORM, { needs: ['economico', 'nonesiste'] })).toEqual({ needs: 'core:validation.choice' });
    // One checked box arrives as a string; codes are kept once, in the list's order.
    expect(read(TRIAGE_FORM, { needs: 'salute' }).answers).toEqual({ needs: ['salute'] });
    expect(read(TRIAGE_FORM, { needs: ['salute', 'economico', 'salute'] }).answers).toEqual({ needs: ['economico', 'salute'] });
    expect(issues(TRIAGE_FORM, { feeding: '7' })).toEqual({ feeding: 'core:validation.choice' });
    expect(read(TRIAGE_FORM, { feeding: 2 }).answers).toEqual({ feeding: '2' });
    expect(read(TRIAGE_FORM, { 'has-carer': true }).answers).toEqual({ 'has-carer': 'yes' });
    expect(issues(TRIAGE_FORM, { 'has-carer': 'forse' })).toEqual({ 'has-carer': 'core:validation.choice' });
    expect(issues(SOCIAL_ASSESSMENT_FORM, { 'isee-date': '2026-02-30' })).toEqual({ 'isee-date': 'core:validation.date' });
    expect(issues(SOCIAL_ASSESSMENT_FORM, { 'general-practitioner': 'x'.repeat(121) })).toEqual({
      'general-practitioner': 'core:validation.maxLength',
    });
    // Blank answers are no answers.
    expect(read(SOCIAL_ASSESSMENT_FORM, { 'general-practitioner': '  ', 'income-sources': [] }).answers).toEqual({});
  });

  it('refuses a code that is no longer valid on the day of the assessment', () => {
    const expiring: CodeList = { ...FORM_CODE_LISTS[0]!, entries: [{ code: 'old', label: { it: 'v', en: 'o' }, validTo: '2025-12-31' }] };
    const on = (day: string) =>
      readAnswers(
        TRIAGE_FORM,
        { source: 'old' },
        { codeList: (id) => (id === expiring.id ? expiring : codeList(id)), final: false, on: day },
      );
    expect(on('2025-06-01').issues).toEqual([]);
    expect(on('2026-06-01').issues).toEqual([{ field: 'source', key: 'core:validation.choice' }]);
  });

  it('adds up a Barthel index and names its band only once every item is scored', () => {
    const full = computeScores(SOCIAL_ASSESSMENT_FORM, best).adl!;
    expect(full).toEqual({ value: 100, max: 100, answered: 10, items: 10, complete: true, band: 'core:forms.social.bands.independent' });
    expect(computeScores(SOCIAL_ASSESSMENT_FORM, worst).adl).toMatchObject({ value: 0, band: 'core:forms.social.bands.total' });
    const band = (changes: Record<string, string>) => computeScores(SOCIAL_ASSESSMENT_FORM, { ...best, ...changes }).adl!;
    expect(band({ 'adl-bathing': '0' })).toMatchObject({ value: 95, band: 'core:forms.social.bands.slight' });
    expect(band({ 'adl-bathing': '0', 'adl-stairs': '0' })).toMatchObject({ value: 85, band: 'core:forms.social.bands.moderate' });
    expect(band({ 'adl-mobility': '0', 'adl-transfers': '0', 'adl-stairs': '0', 'adl-bathing': '0', 'adl-toilet': '0' })).toMatchObject({
      value: 45,
      band: 'core:forms.social.bands.severe',
    });
    expect(
      band({
        'adl-feeding': '0',
        'adl-mobility': '0',
        'adl-transfers': '0',
        'adl-stairs': '0',
        'adl-bathing': '0',
        'adl-toilet': '0',
        'adl-dressing': '0',
        'adl-bowels': '5',
      }),
    ).toMatchObject({
      value: 20,
      band: 'core:forms.social.bands.total',
    });
    const partial = computeScores(SOCIAL_ASSESSMENT_FORM, { 'adl-feeding': '10', 'adl-stairs': '10' }).adl!;
    expect(partial).toEqual({ value: 20, max: 100, answered: 2, items: 10, complete: false, band: null });
  });

  it('computes several totals, each over its own items, and only over the items shown', () => {
    const form: FormDefinition = {
      ...TRIAGE_FORM,
      sections: [
        {
          id: 's',
          titleKey: 'k',
          fields: [
            {
              id: 'a',
              type: 'scale',
              labelKey: 'k',
              scale: [
                { value: 'n', labelKey: 'k', points: 0 },
                { value: 'y', labelKey: 'k', points: 3 },
              ],
            },
            { id: 'gate', type: 'yes-no', labelKey: 'k' },
            {
              id: 'b',
              type: 'scale',
              labelKey: 'k',
              visibleWhen: { field: 'gate', equals: ['yes'] },
              scale: [
                { value: 'n', labelKey: 'k', points: 0 },
                { value: 'y', labelKey: 'k', points: 5 },
              ],
            },
          ],
        },
      ],
      totals: [
        {
          id: 'all',
          labelKey: 'k',
          bands: [
            { from: 0, to: 3, labelKey: 'low' },
            { from: 4, to: 8, labelKey: 'high' },
          ],
        },
        { id: 'only-b', labelKey: 'k', fields: ['b'] },
      ],
    };
    expect(computeScores(form, { a: 'y', gate: 'no' })).toEqual({
      all: { value: 3, max: 3, answered: 1, items: 1, complete: true, band: 'low' },
      'only-b': { value: 0, max: 0, answered: 0, items: 0, complete: false, band: null },
    });
    expect(computeScores(form, { a: 'y', gate: 'yes', b: 'y' })).toMatchObject({
      all: { value: 8, max: 8, complete: true, band: 'high' },
      'only-b': { value: 5, max: 5, complete: true, band: null },
    });
  });

  it('derives a profile from the bands of several totals, first matching row first, once every total has its band', () => {
    const profile = (answers: Answers) => computeClassifications(PROFILED, computeScores(PROFILED, answers)).profile;
    expect(profile({ mind: 'a', body: 'a' })).toEqual({ profile: 'both-low', label: 'p.both-low', complete: true });
    // body=high is taken by the second row even though the third matches too.
    expect(profile({ mind: 'c', body: 'c' })).toEqual({ profile: 'body-high', label: 'p.body-high', complete: true });
    expect(profile({ mind: 'b', body: 'b' })).toMatchObject({ profile: 'mind-worse' });
    // A total not named in a row matches any of its bands: the last row is the default.
    expect(profile({ mind: 'a', body: 'b' })).toMatchObject({ profile: 'other' });
    // A total without its band (not every item answered) names no profile, as it names no band.
    expect(profile({ mind: 'a' })).toEqual({ profile: null, label: null, complete: false });
    expect(profile({})).toEqual({ profile: null, label: null, complete: false });
    // A value outside every band has no band, so no profile either.
    const gapped: FormDefinition = {
      ...PROFILED,
      totals: [PROFILED.totals![0]!, { ...PROFILED.totals![1]!, bands: bands3.slice(0, 2) }],
      classifications: [{ ...PROFILED.classifications![0]!, profiles: [{ id: 'any', labelKey: 'k', when: {} }] }],
    };
    expect(computeClassifications(gapped, computeScores(gapped, { mind: 'a', body: 'c' })).profile).toEqual({
      profile: null,
      label: null,
      complete: false,
    });
    expect(computeClassifications(TRIAGE_FORM, computeScores(TRIAGE_FORM, {}))).toEqual({});
  });

  it('shows only the profiles an assessment stored: one saved before its form had a classification shows none', () => {
    const ctx = { t: (key: string) => `t(${key})` } as never;
    expect(classificationsModel(ctx, PROFILED, { classifications: {} })).toEqual([]);
    expect(classificationsModel(ctx, PROFILED, { classifications: undefined as never })).toEqual([]);
    expect(
      classificationsModel(ctx, PROFILED, {
        classifications: {
          profile: { profile: 'other', label: 'p.other', complete: true },
          gone: { profile: null, label: null, complete: false },
        },
      }),
    ).toEqual([
      { id: 'profile', label: 't(k)', profile: 't(p.other)', complete: true },
      { id: 'gone', label: 'gone', profile: null, complete: false },
    ]);
  });

  it('localizes issues as the pages and the API show them: answers.<field id>', () => {
    const t = ((key: string, options: Record<string, unknown>) => `${key} ${JSON.stringify(options)}`) as never;
    expect(
      localizeIssues(
        [
          { field: 'isee', key: 'core:validation.min', params: { min: 0 } },
          { field: '_', key: 'core:validation.type' },
        ],
        t,
      ),
    ).toEqual([
      { field: 'answers.isee', message: 'core:validation.min {"min":0}' },
      { field: 'answers', message: 'core:validation.type {}' },
    ]);
  });
});

describe('the start-up checks of a form definition', () => {
  it("find nothing wrong with core's forms, and list their keys and code lists", () => {
    for (const form of [TRIAGE_FORM, SOCIAL_ASSESSMENT_FORM]) {
      expect(formStructureProblems(form)).toEqual([]);
      for (const id of formCodeLists(form)) expect(lists.has(id)).toBe(true);
      expect(formLabelKeys(form).filter(Boolean).length).toBeGreaterThan(20);
    }
  });

  it('accept a complete classification table, and list its labels among the keys to translate', () => {
    expect(formStructureProblems(PROFILED)).toEqual([]);
    expect(formLabelKeys(PROFILED)).toEqual(expect.arrayContaining(['p.both-low', 'p.body-high', 'p.mind-worse', 'p.other']));
    // Several rows may give one profile: "either total high" is a row per total.
    const either: FormDefinition = {
      ...PROFILED,
      classifications: [
        {
          ...PROFILED.classifications![0]!,
          profiles: [
            { id: 'worse', labelKey: 'p.worse', when: { mind: ['high'] } },
            { id: 'worse', labelKey: 'p.worse', when: { body: ['high'] } },
            { id: 'rest', labelKey: 'p.rest', when: {} },
          ],
        },
      ],
    };
    expect(formStructureProblems(either)).toEqual([]);
    const profileOf = (answers: Answers) => computeClassifications(either, computeScores(either, answers)).profile!.profile;
    expect([profileOf({ mind: 'a', body: 'c' }), profileOf({ mind: 'c', body: 'a' }), profileOf({ mind: 'b', body: 'b' })]).toEqual([
      'worse',
      'worse',
      'rest',
    ]);
  });

  it('refuse classification tables that name unknown totals or bands, leave combinations without a profile, or never reach a row', () => {
    const [classification] = PROFILED.classifications!;
    const withTable = (c: Partial<typeof classification>, totals = PROFILED.totals): FormDefinition => ({
      ...PROFILED,
      totals,
      classifications: [{ ...classification!, ...c }],
    });
    expect(formStructureProblems(withTable({ totals: ['mind', 'body', 'soul'] }))).toEqual([
      'form "x.profiled", classification "profile", reads the unknown total "soul"',
    ]);
    const noIds = [PROFILED.totals![0]!, { ...PROFILED.totals![1]!, bands: bands3.map(({ id: _id, ...b }) => b) }];
    expect(formStructureProblems(withTable({}, noIds))).toEqual([
      'form "x.profiled", classification "profile", reads the total "body", whose bands need an id each',
    ]);
    const unbanded = [PROFILED.totals![0]!, { id: 'body', labelKey: 'k', fields: ['body'] }];
    expect(formStructureProblems(withTable({}, unbanded))).toEqual([
      'form "x.profiled", classification "profile", reads the total "body", which has no bands',
    ]);
    expect(
      formStructureProblems(
        withTable({
          id: 'Profile',
          totals: ['mind'],
          profiles: [
            { id: 'a', labelKey: 'k', when: { mind: ['low', 'lowest'] } },
            { id: 'b', labelKey: 'k', when: { body: ['low'], mind: [] } },
            { id: 'a', labelKey: 'other', when: {} },
          ],
        }),
      ),
    ).toEqual([
      'form "x.profiled", classification "Profile", id must be kebab-case',
      'form "x.profiled", classification "Profile", profile "a" names the unknown band "lowest" of "mind"',
      'form "x.profiled", classification "Profile", profile "b" names the total "body", which the classification does not read',
      'form "x.profiled", classification "Profile", profile "b" lists no band of "mind"',
      'form "x.profiled", classification "Profile", profile "a" has two labels, "k" and "other"',
    ]);
    // Without the default row one combination has no profile; a duplicate row is never reached.
    expect(
      formStructureProblems(
        withTable({
          profiles: [...classification!.profiles.slice(0, 3), { id: 'again', labelKey: 'k', when: { mind: ['low'], body: ['low'] } }],
        }),
      ),
    ).toEqual([
      'form "x.profiled", classification "profile", gives no profile to 1 combination(s) of bands (mind=low, body=mid)',
      'form "x.profiled", classification "profile", row 4 (profile "again") is never reached: the rows before it take all its combinations',
    ]);
    expect(formStructureProblems(withTable({ totals: [], profiles: [] }))).toEqual([
      'form "x.profiled", classification "profile", reads no total',
      'form "x.profiled", classification "profile", has no profiles',
    ]);
    // Band ids are kebab-case and unique in their total.
    const badBands = [
      { ...PROFILED.totals![0]!, bands: [{ ...bands3[0]!, id: 'Low' }, { ...bands3[1]!, id: 'Low' }, bands3[2]!] },
      PROFILED.totals![1]!,
    ];
    expect(formStructureProblems({ ...PROFILED, totals: badBands, classifications: [] })).toEqual([
      'form "x.profiled", total "mind", band id "Low" must be kebab-case',
      'form "x.profiled", total "mind", band id "Low" must be kebab-case',
      'form "x.profiled", total "mind", band id "Low" is used twice',
    ]);
  });

  it('report broken structures, one line each', () => {
    const broken: FormDefinition = {
      id: 'x.broken',
      version: 0,
      titleKey: 'x:t',
      subject: 'person',
      permissions: { view: 'x.v', submit: 'x.s' },
      sections: [
        {
          id: 's',
          titleKey: 'x:t',
          fields: [
            { id: 'late', type: 'text', labelKey: 'x:t', visibleWhen: { field: 'gate', equals: ['yes'] } },
            { id: 'gate', type: 'yes-no', labelKey: 'x:t' },
            { id: 'gate', type: 'choice', labelKey: 'x:t' },
            { id: 'Bad_Id', type: 'scale', labelKey: 'x:t', scale: [{ value: 'a', labelKey: 'x:t', points: 1 }] },
            { id: 'n', type: 'number', labelKey: 'x:t', min: 5, max: 1 },
            { id: 'on-text', type: 'text', labelKey: 'x:t', visibleWhen: { field: 'late', equals: ['x'] } },
          ],
        },
      ],
      totals: [
        {
          id: 't',
          labelKey: 'x:t',
          fields: ['n'],
          bands: [
            { from: 0, to: 5, labelKey: 'a' },
            { from: 5, to: 9, labelKey: 'b' },
          ],
        },
      ],
    };
    expect(formStructureProblems(broken)).toEqual([
      'form "x.broken": version must be a whole number from 1',
      'form "x.broken": field id "gate" is used twice',
      'form "x.broken": field id "Bad_Id" must be kebab-case',
      'form "x.broken", field "late", depends on "gate", which comes later: a condition names an earlier field',
      'form "x.broken", field "gate", names no code list',
      'form "x.broken", field "Bad_Id", has fewer than two scale options',
      'form "x.broken", field "n", has its min above its max',
      'form "x.broken", field "on-text", depends on "late", a text field: only choices can',
      'form "x.broken", total "t", sums "n", which is not a scale field',
      'form "x.broken", total "t", band "b" overlaps the one before',
    ]);
  });
});
