// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The population register where no plugin offers one: the pages do not offer it, and the API says it is not
 * configured. The lookups themselves, against a register's simulator: plugins/lazio/test/integrations.test.ts.
 */
import { createTestApp, type TestApp } from '../src/testing';
import { client, person, type Client } from './cartella-helpers';

describe('the population register, not configured', () => {
  let app: TestApp;
  let pua: Client;
  let personId: string;

  beforeAll(async () => {
    app = await createTestApp();
    pua = await client(app, 'pua');
    personId = (await pua.post('/api/v1/people', person('Anagrafi', 'Rosa', 'F', '1950-02-03')).expect(201)).body.id as string;
  });
  afterAll(() => app.close());

  it('is not offered on the pages, and the API answers not-configured', async () => {
    expect((await pua.agent.get('/people/new').expect(200)).text).not.toContain('data-testid="registry-lookup"');
    expect((await pua.agent.get(`/people/${personId}`).expect(200)).text).not.toContain('data-testid="registry-check"');
    const answer = await pua.post(`/api/v1/people/${personId}/registry-check`, { purpose: 'Verifica' }).expect(200);
    expect(answer.body).toEqual({ status: 'not-configured', reference: null, person: null, differences: [] });
    await pua.post(`/api/v1/people/${personId}/registry-check`, { purpose: '' }).expect(422);
  });
});
