// SPDX-License-Identifier: AGPL-3.0-or-later
import { localToday } from '../src/sdk/local-time';
import { iseeInput } from '../src/modules/catalogue/schemas';
import { assessmentCreateInput } from '../src/modules/forms/schemas';
import { personCreateInput } from '../src/modules/people/schemas';
import Handlebars from 'handlebars';
import { registerHelpers } from '../src/views/helpers';

/**
 * "Today" on the server is Italy's day. Between midnight and 1 a.m. in Italy (2 a.m. in summer) the UTC
 * day is still yesterday: an operator's "today" must not be refused as a date in the future then. The
 * clock is pinned to that hour; the database side (`core.local_today()`) is enforced by the lint rule
 * that bans `current_date` and the UTC day in source.
 */
describe("today is Italy's day, whatever the server's clock says", () => {
  afterEach(() => jest.useRealTimers());

  const at = (instant: string): void => {
    jest.useFakeTimers({ now: new Date(instant), doNotFake: ['setTimeout', 'setInterval', 'setImmediate', 'nextTick', 'queueMicrotask'] });
  };

  it('turns at midnight in Rome, winter and summer', () => {
    at('2026-11-23T23:30:00Z');
    expect(localToday()).toBe('2026-11-24');
    at('2026-06-30T22:30:00Z');
    expect(localToday()).toBe('2026-07-01');
    at('2026-11-23T22:59:00Z');
    expect(localToday()).toBe('2026-11-23');
  });

  it("accepts Italy's today and refuses tomorrow in the forms' dates", () => {
    at('2026-11-23T23:30:00Z'); // 00:30 on 24 November in Italy
    const isee = (issuedOn: string) =>
      iseeInput.safeParse({ type: 'ordinario', value: '8000', protocol: 'INPS-ISEE-2026-000000001-00', issuedOn });
    expect(isee('2026-11-24').success).toBe(true);
    expect(isee('2026-11-25').error?.issues.map((i) => i.path.join('.'))).toEqual(['issuedOn']);

    const assessment = (assessedOn: string) =>
      assessmentCreateInput.safeParse({ formId: 'core.social-assessment', assessedOn, answers: {} });
    expect(assessment('2026-11-24').success).toBe(true);
    expect(assessment('2026-11-25').error?.issues.map((i) => i.path.join('.'))).toEqual(['assessedOn']);

    const person = (birthDate: string) =>
      personCreateInput.safeParse({ identityKind: 'unknown', surname: 'Neonata', name: 'Bambina', sex: 'F', birthDate });
    expect(person('2026-11-24').success).toBe(true);
    expect(person('2026-11-25').error?.issues.map((i) => i.path.join('.'))).toEqual(['birthDate']);
  });

  it("shows moments on Italy's clock and calendar days as they are", () => {
    const env = Handlebars.create();
    registerHelpers(env, { url: () => '', asset: () => '' });
    const render = (source: string, value: unknown, locale = 'en') =>
      env.compile(source)({ value }, { data: { locale, t: () => '', slots: {}, shell: {} } });
    // 23:30 UTC is 00:30 of the next day in Italy (winter time).
    expect(render('{{date value time=true}}', new Date('2026-11-23T23:30:00Z'))).toBe('24 Nov 2026, 00:30');
    expect(render('{{date value}}', '2026-11-23T23:30:00Z')).toBe('24 Nov 2026');
    expect(render('{{date value}}', '2026-11-23')).toBe('23 Nov 2026');
    expect(render('{{date value}}', '2026-11-23', 'it')).toBe('23 nov 2026');
  });
});
