// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Core's event-driven alert rules: a critical event in a household with minors raises a critical alert
 * on the cartella of whoever is in charge there, as soon as it is recorded (no evaluation pressed);
 * an intervention about to end, or ended while still under way, warns on its cartella as soon as it is
 * approved. Acknowledged alerts are not raised again; alerts that stop holding resolve by themselves.
 */
import { createTestApp, type TestApp } from '../src/testing';
import { localToday } from '../src/sdk/local-time';
import { localPath } from '../src/sdk/input';
import { client, person, type Client } from './cartella-helpers';

const SERVICE = 'core.A2.02';
const inDays = (days: number): string => new Date(Date.parse(`${localToday()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('alert rules on events', () => {
  let app: TestApp;
  let assistente: Client;
  let responsabile: Client;
  let pua: Client;

  const asOwner = <T extends object>(sql: string, params: unknown[] = []) =>
    app.platform.orm.em.fork().transactional(async (tx) => {
      await tx.execute('reset role');
      const rows = await tx.execute<T[]>(sql, params);
      await tx.execute(`set role ${app.platform.config.appRole}`);
      return rows;
    });
  const alertsOn = (rule: string, subjectId: string) =>
    asOwner<{ id: string; status: string; severity: string; params: Record<string, unknown> }>(
      'select id::text as id, status, severity, params from core.alert where rule_id = ? and subject_id = ? order by raised_at',
      [rule, subjectId],
    );

  /** A household (famiglia anagrafica) of these people, the first its reference person. */
  async function household(members: { id: string; relation: string }[]): Promise<string> {
    const [head, ...rest] = members;
    let view = (await pua.post('/api/v1/households', { personId: head!.id, kind: 'anagrafico', relationCode: head!.relation }).expect(201))
      .body;
    for (const m of rest) {
      view = (
        await pua
          .post(`/api/v1/households/${view.id}/members`, { version: view.version, personId: m.id, relationCode: m.relation })
          .expect(201)
      ).body;
    }
    return view.id as string;
  }
  const newPerson = async (surname: string, name: string, sex: 'M' | 'F', birth: string) =>
    (await pua.post('/api/v1/people', person(surname, name, sex, birth)).expect(201)).body.id as string;
  const newCartella = async (personId: string) =>
    (await assistente.post('/api/v1/cartelle', { personId, area: 'famiglia-minori' }).expect(201)).body.id as string;

  beforeAll(async () => {
    app = await createTestApp();
    assistente = await client(app, 'assistente', 'Comune di Orvieto');
    responsabile = await client(app, 'responsabile');
    pua = await client(app, 'pua');
  });
  afterAll(() => app.close());

  describe('core.minors-critical-event', () => {
    let mother: string;
    let cartella: string;

    beforeAll(async () => {
      mother = await newPerson('Famiglia', 'Giulia', 'F', '1988-02-11');
      const son = await newPerson('Famiglia', 'Luca', 'M', '2016-09-03');
      const daughter = await newPerson('Famiglia', 'Sara', 'F', '2019-04-21');
      await household([
        { id: mother, relation: 'IS' },
        { id: son, relation: 'FG' },
        { id: daughter, relation: 'FG' },
      ]);
      // The one in charge is the son; the event is the mother's: the household links them.
      cartella = await newCartella(son);
    });

    it('raises a critical alert on the cartella as soon as the event is recorded, and shows it on the cartella page', async () => {
      expect(await alertsOn('core.minors-critical-event', cartella)).toEqual([]);
      await assistente.post(`/api/v1/people/${mother}/critical-events`, { type: 'sfratto', occurredOn: localToday() }).expect(201);
      const [alert] = await alertsOn('core.minors-critical-event', cartella);
      expect(alert).toMatchObject({ status: 'open', severity: 'critical', params: { count: 2 } });
      // Only the rules that watch the event ran: the demo's repeat visitor, found by the morning run, is not yet.
      expect(await asOwner("select id from core.alert where rule_id = 'core.repeated-access'")).toEqual([]);

      const page = await assistente.agent.get(`/cartelle/${cartella}`).expect(200);
      expect(page.text).toContain('data-testid="cartella-alerts"');
      expect(page.text).toMatch(/Evento critico «Sfratto o avviso di sfratto» del \d+ \w+ \d{4} in un nucleo con 2 minori\./);
      expect(page.text).toContain(`<input type="hidden" name="next" value="/cartelle/${cartella}">`);
      // One event, one alert per cartella: evaluating again changes nothing.
      await app.platform.jobs.run('core.alerts.evaluate');
      expect(await alertsOn('core.minors-critical-event', cartella)).toHaveLength(1);
    });

    it('stays acknowledged once acknowledged from the cartella page, which the operator comes back to', async () => {
      const [alert] = await alertsOn('core.minors-critical-event', cartella);
      await assistente
        .form(`/alerts/${alert!.id}/acknowledge`, { note: 'Visita fissata', next: `/cartelle/${cartella}` })
        .expect(302)
        .expect('Location', `/cartelle/${cartella}`);
      await app.platform.jobs.run('core.alerts.evaluate');
      await assistente.post(`/api/v1/people/${mother}/critical-events`, { type: 'perdita-lavoro', occurredOn: localToday() }).expect(201);
      const rows = await alertsOn('core.minors-critical-event', cartella);
      expect(rows.map((r) => r.status)).toEqual(['acknowledged', 'open']);
      const page = await assistente.agent.get(`/cartelle/${cartella}`).expect(200);
      expect(page.text).toContain('Perdita del lavoro');
      expect(page.text).not.toContain('Sfratto o avviso di sfratto');
    });

    it('never sends the operator to another site after acknowledging', async () => {
      expect(localPath('/cartelle/x')).toBe('/cartelle/x');
      for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'cartelle', '/a b', 42])
        expect(localPath(bad)).toBeNull();
      const [, second] = await alertsOn('core.minors-critical-event', cartella);
      await assistente
        .form(`/alerts/${second!.id}/acknowledge`, { note: '', next: '//evil.example' })
        .expect(302)
        .expect('Location', '/alerts');
    });

    it('resolves by itself once the event is withdrawn, and says nothing of a household without minors', async () => {
      const list = (await assistente.get(`/api/v1/people/${mother}/critical-events`).expect(200)).body.items as { id: string }[];
      for (const e of list)
        await assistente.post(`/api/v1/people/${mother}/critical-events/${e.id}/withdraw`, { reason: 'Errore' }).expect(200);
      await app.platform.jobs.run('core.alerts.evaluate');
      expect((await alertsOn('core.minors-critical-event', cartella)).map((r) => r.status)).toEqual(['resolved', 'resolved']);

      const husband = await newPerson('Adulti', 'Marco', 'M', '1970-01-01');
      const wife = await newPerson('Adulti', 'Elena', 'F', '1972-01-01');
      await household([
        { id: husband, relation: 'IS' },
        { id: wife, relation: 'CG' },
      ]);
      const adults = await newCartella(wife);
      await assistente
        .post(`/api/v1/people/${husband}/critical-events`, { type: 'segnalazione-violenza', occurredOn: localToday() })
        .expect(201);
      expect(await alertsOn('core.minors-critical-event', adults)).toEqual([]);
    });
  });

  describe('core.repeated-access', () => {
    it('warns as soon as the third contact is recorded, not the next morning', async () => {
      const id = await newPerson('Ritorni', 'Elsa', 'F', '1971-02-03');
      const visit = (occurredAt: string) =>
        pua
          .post('/api/v1/access-contacts', {
            channel: 'di-persona',
            interlocutor: 'interessato',
            needs: ['economico'],
            outcome: 'information',
            personId: id,
            occurredAt,
          })
          .expect(201);
      await visit(`${inDays(-20)}T09:00`);
      await visit(`${inDays(-10)}T09:00`);
      expect(await alertsOn('core.repeated-access', id)).toEqual([]);
      await visit(`${inDays(-1)}T09:00`);
      expect(await alertsOn('core.repeated-access', id)).toEqual([expect.objectContaining({ status: 'open', severity: 'warning' })]);
    });
  });

  describe('core.intervention-expiring', () => {
    let cartella: string;
    const request = async (periodFrom: string, periodTo: string) =>
      (
        await assistente
          .post('/api/v1/interventions', { cartellaId: cartella, service: SERVICE, quantity: 2, frequency: 'weekly', periodFrom, periodTo })
          .expect(201)
      ).body as { id: string };
    const move = (id: string, body: object) => responsabile.post(`/api/v1/interventions/${id}/transitions`, body).expect(200);

    beforeAll(async () => {
      cartella = await newCartella(await newPerson('Scadenze', 'Franca', 'F', '1950-07-07'));
    });

    it('warns on the cartella as soon as an intervention ending soon is approved, and resolves once it is concluded', async () => {
      const soon = await request(localToday(), inDays(10));
      const far = await request(localToday(), inDays(120));
      await move(soon.id, { move: 'approve', act: 'DD 1/2026', actDate: localToday(), version: 1 });
      await move(far.id, { move: 'approve', act: 'DD 2/2026', actDate: localToday(), version: 1 });
      const rows = await alertsOn('core.intervention-expiring', cartella);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: 'open', severity: 'warning' });
      const page = await assistente.agent.get(`/cartelle/${cartella}`).expect(200);
      expect(page.text).toMatch(/intervento «Sostegno socio-educativo territoriale o domiciliare» termina il \d+ \w+ \d{4}/);

      await move(soon.id, { move: 'activate', version: 2 });
      await move(soon.id, { move: 'conclude', version: 3 });
      expect((await alertsOn('core.intervention-expiring', cartella)).map((r) => r.status)).toEqual(['resolved']);
    });

    it('says when an intervention still under way has ended', async () => {
      const late = await request(inDays(-60), inDays(-1));
      await move(late.id, { move: 'approve', act: 'DD 3/2026', actDate: localToday(), version: 1 });
      const [alert] = await alertsOn('core.intervention-expiring', cartella).then((r) => r.filter((a) => a.status === 'open'));
      expect(alert).toBeDefined();
      const api = (await responsabile.get('/api/v1/alerts').expect(200)).body.items.find((a: { id: string }) => a.id === alert!.id);
      expect(api.message).toMatch(/è terminato il .* ma risulta ancora in corso/);
    });
  });
});
