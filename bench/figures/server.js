#!/usr/bin/env node
// SPDX-License-Identifier: AGPL-3.0-or-later
'use strict';
/**
 * The server process every figure measures, started by bench/run.js (never in production):
 *   BENCH_MODE=core      the real platform (sigess start without plugins but BENCH_PLUGINS, no background jobs)
 *   BENCH_MODE=bare      the same platform with the fences off: its queries run under a role with
 *                        BYPASSRLS and its audit service is a no-op, both swapped in here only —
 *                        core's configuration has no such switch
 *   BENCH_MODE=baseline  a minimal hand-written Koa + pg route returning the cartella page's data
 * The database: BENCH_DB_URL (a PostgreSQL server) or BENCH_DATA_DIR (PGlite, which one process holds
 * at a time, so in-process figures — search, dedup — also run here and are asked for over IPC).
 */
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'core', 'dist');
const BYPASS_ROLE = 'sigess_bench_bypass';

const mode = process.env.BENCH_MODE ?? 'core';
const send = (message) => process.send?.(message);

/** The data of the cartella page as plain SQL: what the baseline answers and what it is measured against. */
const CARTELLA_QUERIES = {
  cartella: 'select * from core.cartella where id = $1',
  person: 'select p.* from core.person p join core.cartella c on c.person_id = p.id where c.id = $1',
  household: `select m.*, h.kind, h.label from core.household_member m join core.household h on h.id = m.household_id
    where m.household_id in (select hm.household_id from core.household_member hm join core.cartella c on c.person_id = hm.person_id
      where c.id = $1 and (hm.valid_to is null or hm.valid_to > current_date)) and (m.valid_to is null or m.valid_to > current_date)`,
  team: 'select t.*, o.display_name from core.cartella_team t join core.operator o on o.id = t.operator_id where t.cartella_id = $1',
  history: 'select * from core.cartella_transition where cartella_id = $1 order by at',
  notes: 'select * from core.diary_note where cartella_id = $1 order by occurred_on desc, created_at desc limit 5',
  // As the page's sections show them: the open interventions (10) with their deliveries summed, the latest assessments (5).
  interventions: `select i.id, i.entry_code, i.state, i.quantity, i.unit, i.period_from, i.period_to,
      coalesce(sum(d.quantity), 0) as delivered_quantity, coalesce(sum(d.amount), 0) as delivered_amount
    from core.intervention i left join core.delivery d on d.intervention_id = i.id
    where i.cartella_id = $1 and i.state in ('requested', 'assessing', 'approved', 'waiting', 'active', 'suspended')
    group by i.id order by i.requested_on desc, i.created_at desc limit 10`,
  assessments: `select a.id, a.form_id, a.form_version, a.status, a.assessed_on, a.scores from core.assessment a
    join core.cartella c on c.person_id = a.person_id where c.id = $1 order by a.assessed_on desc, a.created_at desc limit 5`,
};

/** Plain indexed SQL for each kind of person search: the floor core's search is measured against. */
const SEARCH_SQL = {
  cf: 'select id, surname, name, codice_fiscale from core.person where cf_canonical = $1 limit 20',
  prefix: "select id, surname, name, codice_fiscale from core.person where codice_fiscale like $1 || '%' order by codice_fiscale limit 20",
  fuzzy: `select id, surname, name, codice_fiscale from core.person
    where lower(core.immutable_unaccent($1)) <% search_name
    order by public.word_similarity(lower(core.immutable_unaccent($1)), search_name) desc limit 20`,
};

function listen(app) {
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
    server.once('error', reject);
  });
}

function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, 10_000).unref();
  });
}

function memory() {
  // maxRSS is in kibibytes.
  return { rss: process.memoryUsage().rss, peakRss: process.resourceUsage().maxRSS * 1024 };
}

async function baseline() {
  const Koa = require('koa');
  const { Pool } = require('pg');
  let url = process.env.BENCH_DB_URL;
  let embedded = null;
  if (!url) {
    embedded = await require(join(DIST, 'db', 'embedded.js')).startEmbeddedDatabase(process.env.BENCH_DATA_DIR);
    url = embedded.url;
  }
  const pool = new Pool({ connectionString: url, max: embedded ? 1 : 10 });
  const app = new Koa();
  app.use(async (ctx) => {
    const match = /^\/cartelle\/([0-9a-f-]{36})$/.exec(ctx.path);
    if (!match) return;
    const data = {};
    for (const [name, sql] of Object.entries(CARTELLA_QUERIES)) data[name] = (await pool.query(sql, [match[1]])).rows;
    ctx.body = data;
  });
  const server = await listen(app);
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    async handle() {
      return null;
    },
    async close() {
      await closeServer(server);
      await pool.end();
      if (embedded) await embedded.stop();
    },
  };
}

async function platformServer(bare) {
  require(join(ROOT, 'core', 'bin', 'build.js')).ensureBuilt();
  const { loadConfig } = require(join(DIST, 'config', 'config.js'));
  const { prepare, startPlatform, openDatabase } = require(join(DIST, 'platform.js'));
  const { createHttpApp } = require(join(DIST, 'http', 'app.js'));
  const { enterScope } = require(join(DIST, 'db', 'scope.js'));
  const { people } = require(join(DIST, 'modules', 'people', 'actions.js'));
  const { CoreTokens } = require(join(DIST, 'tokens.js'));
  const { AuditService } = require(join(DIST, 'modules', 'audit', 'audit.js'));
  const { Client } = require('pg');

  const env = { LOG_LEVEL: 'warn', PORT: '0', SIGESS_DEMO: 'never' };
  if (process.env.BENCH_DB_URL) env.DATABASE_URL = process.env.BENCH_DB_URL;
  else env.SIGESS_DATA_DIR = process.env.BENCH_DATA_DIR;
  const loaded = loadConfig(env, ROOT);
  // No plugins unless a figure asks for some (BENCH_PLUGINS=siuss); export files where the figure reads them.
  let config = {
    ...loaded,
    jobs: false,
    plugins: process.env.BENCH_PLUGINS ? process.env.BENCH_PLUGINS.split(',') : [],
    exports: process.env.BENCH_EXPORTS_DIR ? { ...loaded.exports, folder: process.env.BENCH_EXPORTS_DIR } : loaded.exports,
  };
  const prepared0 = prepare(config);
  const db = await openDatabase(config);
  const owner = new Client({ connectionString: db.url });
  await owner.connect();
  if (bare) {
    // The fences off, for this process only: a role that bypasses row-level security and holds the
    // application role's privileges, and an audit service that records nothing.
    await owner.query(`do $$ begin
      if not exists (select from pg_roles where rolname = '${BYPASS_ROLE}') then create role ${BYPASS_ROLE} nologin bypassrls; end if;
    end $$`);
    await owner.query(`grant ${config.appRole} to ${BYPASS_ROLE}`);
    config = { ...config, appRole: BYPASS_ROLE, migrateOnStart: false };
  }
  // PGlite serves one connection: the owner's is closed before the platform opens its own.
  if (db.singleConnection) await owner.end();
  const prepared = bare ? { ...prepared0, config } : prepared0;
  if (bare) {
    const noAudit = Object.create(AuditService.prototype);
    noAudit.record = async () => undefined;
    prepared.container.registerInstance(CoreTokens.Audit, noAudit);
  }
  const platform = await startPlatform(prepared, db);
  const server = await listen(createHttpApp(platform));
  const floor = db.singleConnection ? { query: (sql, params) => platform.db.embedded.db.query(sql, params) } : owner;

  /** The request scope and audit actor of a demo operator, as the HTTP pipeline builds them. */
  async function scopeOf(user) {
    const em = platform.orm.em.fork();
    const [row] = await em.execute(
      `select o.id::text as "operatorId", m.organization_id::text as "orgId", m.role_id as "roleId"
       from core.operator o join core.membership m on m.operator_id = o.id
       where o.username = ? and (m.id::text = ? or ?::text is null) order by m.organization_id limit 1`,
      [user.username, user.membershipId, user.membershipId],
    );
    if (!row) throw new Error(`no operator ${user.username}`);
    const orgs = await platform.organizations.scope(em, row.orgId);
    return {
      scope: { orgId: row.orgId, orgs, operatorId: row.operatorId },
      actor: { operatorId: row.operatorId, organizationId: row.orgId, roleId: row.roleId, requestId: null, ip: '127.0.0.1' },
    };
  }

  /** Times `work` inside a scoped transaction as a route runs it: [work ms, whole transaction ms]. */
  async function timed(scope, work) {
    const start = performance.now();
    let inner = 0;
    await platform.orm.em.fork().transactional(async (tx) => {
      await enterScope(tx, scope.scope);
      const t0 = performance.now();
      await work(tx);
      inner = performance.now() - t0;
    });
    return [inner, performance.now() - start];
  }

  return {
    url: `http://127.0.0.1:${server.address().port}`,
    async handle(message) {
      if (message.cmd === 'search') {
        const scope = await scopeOf(message.user);
        const out = { core: [], route: [], floor: [] };
        for (const q of message.queries) {
          const [core, route] = await timed(scope, async (tx) => {
            const result = await people.search(tx, { q: q.q, page: 1, pageSize: 20 });
            // The route audits every search: the transaction time includes it, as the server's does.
            await platform.audit.record(tx, scope.actor, { action: 'person.search', entity: 'person', details: { results: result.total } });
          });
          out.core.push(core);
          out.route.push(route);
          const t0 = performance.now();
          await floor.query(SEARCH_SQL[q.kind], [q.floor ?? q.q]);
          out.floor.push(performance.now() - t0);
        }
        return out;
      }
      if (message.cmd === 'dedup') {
        const scope = await scopeOf(message.user);
        const out = { core: [], found: 0 };
        for (const input of message.inputs) {
          const [core] = await timed(scope, async (tx) => {
            const candidates = await people.candidates(tx, input);
            if (candidates.length) out.found += 1;
          });
          out.core.push(core);
        }
        return out;
      }
      return null;
    },
    async close() {
      // Requests still queued when the load stopped finish before the database goes away.
      await closeServer(server);
      if (!db.singleConnection) await owner.end();
      await platform.close();
    },
  };
}

async function main() {
  const running = mode === 'baseline' ? await baseline() : await platformServer(mode === 'bare');
  process.on('message', (message) => {
    const reply = (body) => send({ id: message.id, ...body });
    if (message.cmd === 'memory') return reply({ result: memory() });
    if (message.cmd === 'stop') {
      return void running.close().then(
        // Exiting on our own (rather than being killed) lets `node --cpu-prof` write its profile.
        () => process.send({ id: message.id, result: true }, () => process.exit(0)),
        (error) => reply({ error: String(error) }),
      );
    }
    running.handle(message).then(
      (result) => reply({ result }),
      (error) => reply({ error: error.stack ?? String(error) }),
    );
  });
  send({ ready: running.url });
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
