// SPDX-License-Identifier: AGPL-3.0-or-later
import { createTestApp, type TestApp } from '../src/testing';

/**
 * The partner policies ask first whether a row lies outside the request's scope, so a row of the
 * request's own organization never pays for a share lookup (bench/RESULTS.md: the heavy cartella's open
 * interventions, 176 ms → 10 ms). What partners may read is covered by cartella-sharing.test.ts.
 */
describe('the partner read policies', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('test the scope before calling a share function, on every shared table', async () => {
    const rows = await app.platform.orm.em
      .fork()
      .execute<{ tablename: string; qual: string }[]>(
        "select tablename, qual from pg_policies where schemaname = 'core' and policyname like '%\\_shared\\_read' order by tablename",
      );
    expect(rows.map((r) => r.tablename)).toEqual(
      expect.arrayContaining(['cartella', 'delivery', 'diary_note', 'intervention', 'intervention_transition', 'plan_goal']),
    );
    for (const row of rows) {
      expect([row.tablename, row.qual.replace(/\s+/g, ' ')]).toEqual([
        row.tablename,
        expect.stringMatching(/^\(\(?NOT \(owner_org_id = ANY \(core\.request_scope\(\)\)\)\)? AND /),
      ]);
    }
  });
});
