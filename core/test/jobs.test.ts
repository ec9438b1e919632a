// SPDX-License-Identifier: AGPL-3.0-or-later
import { createTestApp, type TestApp } from '../src/testing';
import { tempWorkspace, writePlugin } from './fixtures';

/**
 * Background jobs: a plugin's `ScheduledJobs` contribution runs once per
 * organization where the plugin is active, in that organization's data scope,
 * at once (`jobs.run`) or through the queue on PostgreSQL (`jobs.request`).
 */
function tickerWorkspace(): string {
  const root = tempWorkspace('jobs');
  writePlugin(root, {
    id: 'ticker',
    activation: 'organization',
    code: `
      migrations: [{ name: 'Migration20261201000000_init', class: class extends sdk.Migration {
        async up() {
          this.addSql('create table plg_ticker.tick (org text not null, people int not null, at timestamptz not null default now())');
          this.addSql('create table plg_ticker.broken (org text primary key)');
        }
      } }],
      register(p) {
        p.contribute(sdk.ScheduledJobs, {
          id: 'ticker.count',
          cron: '0 3 * * *',
          async run(ctx) {
            await ctx.withEm(async (em) => {
              const broken = await em.execute('select 1 from plg_ticker.broken where org = ?', [ctx.organization.code]);
              if (broken.length) throw new Error('broken here');
              const [row] = await em.execute('select count(*)::int as n from core.person');
              await em.execute('insert into plg_ticker.tick (org, people) values (?, ?)', [ctx.organization.code, row.n]);
            });
          },
        });
      }`,
  });
  return root;
}

async function ticks(app: TestApp): Promise<{ org: string; people: number }[]> {
  return app.platform.orm.em.fork().execute('select org, people from plg_ticker.tick order by org');
}

/** As the database owner, past row-level security: what the test checks, not what the job may see. */
async function asOwner<R>(app: TestApp, work: (em: ReturnType<TestApp['platform']['orm']['em']['fork']>) => Promise<R>): Promise<R> {
  const em = app.platform.orm.em.fork();
  await em.execute('reset role');
  try {
    return await work(em);
  } finally {
    await em.execute(`set role ${app.platform.config.appRole}`);
  }
}

async function activateFor(app: TestApp, code: string): Promise<void> {
  await asOwner(app, async (em) => {
    const [org] = await em.execute<{ id: string }[]>('select id::text as id from core.organization where code = ?', [code]);
    await app.platform.organizations.setPluginActive(em, org!.id, 'ticker', true);
  });
}

describe('scheduled jobs', () => {
  describe('run at once', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp({ rootDir: tickerWorkspace(), plugins: ['ticker'] });
    });
    afterAll(() => app?.close());

    it('run for each organization where the plugin is active, each in its own data scope', async () => {
      expect(await app.platform.jobs.run('ticker.count')).toEqual({ organizations: 0, failed: 0 });
      await activateFor(app, 'demo-comune');
      expect(await app.platform.jobs.run('ticker.count')).toEqual({ organizations: 3, failed: 0 });
      const rows = await ticks(app);
      expect(rows.map((r) => r.org)).toEqual(['demo-comune', 'demo-pua', 'demo-segretariato']);
      // Orvieto's desks see Orvieto's registry, and nobody's else: the same people as the comune.
      const [orvieto] = await asOwner(app, (em) =>
        em.execute<{ n: number }[]>(
          "select count(*)::int as n from core.person p join core.organization o on o.id = p.owner_org_id where o.code in ('demo-comune', 'demo-pua', 'demo-segretariato')",
        ),
      );
      expect(orvieto!.n).toBeGreaterThan(0);
      expect(rows.map((r) => r.people)).toEqual([orvieto!.n, orvieto!.n, orvieto!.n]);
    });

    it('fail as a whole when the job fails somewhere, after running everywhere else', async () => {
      await app.platform.orm.em.fork().execute("insert into plg_ticker.broken (org) values ('demo-pua')");
      await expect(app.platform.jobs.run('ticker.count')).rejects.toThrow('job ticker.count failed for 1 of 3 organization(s)');
      expect((await ticks(app)).map((r) => r.org)).toEqual([
        'demo-comune',
        'demo-comune',
        'demo-pua',
        'demo-segretariato',
        'demo-segretariato',
      ]);
    });
  });

  describe('through the queue on PostgreSQL', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp({ rootDir: tickerWorkspace(), plugins: ['ticker'], jobs: true });
    });
    afterAll(() => app?.close());

    it('runs a requested job in the background, and keeps its schedule', async () => {
      await activateFor(app, 'demo-comune-2');
      await app.platform.jobs.request('ticker.count');
      const deadline = Date.now() + 20_000;
      let rows = await ticks(app);
      while (rows.length < 2 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        rows = await ticks(app);
      }
      expect(rows.map((r) => r.org)).toEqual(['demo-comune-2', 'demo-segretariato-2']);
      const schedules = await asOwner(app, (em) =>
        em.execute<{ name: string; cron: string; timezone: string }[]>('select name, cron, timezone from pgboss.schedule'),
      );
      // The plugin's schedule, beside core's own (the alerts' morning evaluation).
      expect(schedules).toEqual(
        expect.arrayContaining([
          { name: 'ticker.count', cron: '0 3 * * *', timezone: 'Europe/Rome' },
          { name: 'core.alerts.evaluate', cron: '0 6 * * *', timezone: 'Europe/Rome' },
        ]),
      );
    });
  });
});
