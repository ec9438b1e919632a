// SPDX-License-Identifier: AGPL-3.0-or-later
import { apiClient, createTestApp, signIn, type TestApp } from '../src/testing';
import { PAGE, control, eventually, expectedPeople, fileOf, flowsWorkspace, resetControl, runRow } from './exports-fixture';

/**
 * Exports through the job queue on PostgreSQL (pg-boss), as a server runs them: the run is a queued job,
 * a failed attempt is retried by the queue after its backoff and resumes from the last checkpoint, and
 * the file comes out byte for byte as an uninterrupted run's.
 */
describe('exports through the job queue', () => {
  let app: TestApp;
  let educatore: Awaited<ReturnType<typeof apiClient>>;

  const run = async (params: Record<string, string>) => {
    const res = await educatore.post('/api/v1/exports', { flow: 'flows.people', params }).expect(202);
    expect(res.body.state).toBe('queued');
    return eventually(
      async () =>
        (await educatore.get(`/api/v1/exports/${res.body.id as string}`).expect(200)).body as {
          id: string;
          state: string;
          attempts: number;
        },
      (r) => r.state === 'done' || r.state === 'failed',
      30_000,
    );
  };

  beforeAll(async () => {
    resetControl();
    app = await createTestApp({ rootDir: flowsWorkspace('exports-queue'), plugins: ['flows'], jobs: true });
    educatore = await apiClient(await signIn(app, 'educatore'));
  });
  afterAll(() => app?.close());

  it('runs a started export in the background, and the queue retries a failed attempt from its checkpoint', async () => {
    resetControl();
    const clean = await run({ period: '2026-09' });
    expect(clean).toMatchObject({ state: 'done', attempts: 1 });
    const reference = fileOf(app, (await runRow(app, clean.id)).file_key!);
    expect(reference.toString('utf8')).toBe(await expectedPeople(app, 'demo-comune', '2026-09'));

    resetControl();
    control().failAfter = 2 * PAGE + 4;
    const retried = await run({ period: '2026-09' });
    expect(retried).toMatchObject({ state: 'done', attempts: 2 });
    expect(control().calls).toBe(2);
    expect(control().resumedFrom[1]).toBe(reference.toString('utf8').split('\n')[2 * PAGE]!.split(';')[0]);
    const file = fileOf(app, (await runRow(app, retried.id)).file_key!);
    expect(file.equals(reference)).toBe(true);
    const lines = file.toString('utf8').split('\n').filter(Boolean);
    expect(new Set(lines).size).toBe(lines.length);
  });
});
