// SPDX-License-Identifier: AGPL-3.0-or-later
import 'reflect-metadata';
import { join } from 'node:path';
import { container as globalContainer, type DependencyContainer } from 'tsyringe';
import type { Logger } from 'pino';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import type { PluginRuntime } from './sdk/plugin';
import type { OrgRef } from './sdk/context';
import type { SigessConfig } from './config/config';
import { Kernel, type LoadedPlugin } from './kernel/kernel';
import { installSealChecks } from './kernel/seal-checks';
import { RouteTable, Routes } from './kernel/routes';
import { StartupError } from './kernel/errors';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded';
import { openOrm } from './db/orm';
import { pendingMigrations, runMigrations, type MigrationOwner } from './db/migrator';
import { coreMigrations } from './migrations';
import type { Translator } from './i18n/i18n';
import type { ThemeInfo } from './views/themes';
import type { ViewEngine } from './views/engine';
import { LAYOUT, type PageRenderer } from './views/render';
import { Looks, resolveInstalledChains } from './views/looks';
import { OrganizationThemes } from './modules/organizations/themes';
import { Assets } from './http/assets';
import { createLogger } from './logging';
import { organizationEntities } from './modules/organizations/entities';
import { ActivationService } from './modules/organizations/activation';
import { OrganizationService } from './modules/organizations/service';
import { seedDemoOrganizations } from './modules/organizations/demo';
import { homePermissions, registerHome } from './modules/home';
import { RoleMatrix } from './modules/operators/matrix';
import { OperatorService } from './modules/operators/operators';
import { SessionService } from './modules/operators/sessions';
import { ApiTokenService } from './modules/operators/api-tokens';
import { seedDemoOperators } from './modules/operators/demo';
import { AuditService } from './modules/audit/audit';
import { auditPermissions, registerAudit } from './modules/audit';
import { registerTerritory, territoryPermissions } from './modules/territory';
import { peopleEntities, peoplePermissions, registerPeople } from './modules/people';
import { accessPermissions, registerAccess } from './modules/access';
import { cartellaPermissions, registerCartella } from './modules/cartella';
import { interventionPermissions, registerInterventions } from './modules/interventions';
import { seedDemoCartelle } from './modules/cartella/demo';
import { seedDemoShares } from './modules/cartella/share-demo';
import { cataloguePermissions, registerCatalogue } from './modules/catalogue';
import { seedDemoCatalogue } from './modules/catalogue/demo';
import { seedDemoInterventions } from './modules/interventions/demo';
import { formsPermissions, registerForms } from './modules/forms';
import { adminPermissions, registerAdmin } from './modules/admin';
import { outboxPermissions, registerOutbox } from './modules/outbox';
import { exportPermissions, registerExports } from './modules/exports';
import { seedDemoPeople } from './modules/people/demo';
import { CoreTokens } from './tokens';
import { JobQueue, sharedPoolExecutor } from './jobs/queue';
import { JobRunner, type JobRequest } from './jobs/runner';
import { CoreServices } from './sdk/services';
import { alertPermissions, registerAlerts } from './modules/alerts';
import { consentPermissions, registerConsents } from './modules/consents';
import { criticalEventPermissions, registerCriticalEvents } from './modules/critical-events';
import { planPermissions, registerPlans } from './modules/plans';
import { seedDemoPlans } from './modules/plans/demo';
import { seedPluginDemoData } from './modules/organizations/plugin-demo';
import type { ExtensionRegistry } from './kernel/registry';
import { OrganizationStructures } from './sdk/extension-points/organizations';
import { documentPermissions, registerDocuments } from './modules/documents';

/** core/ — views, locales and assets live beside src/ and dist/. */
export const CORE_DIR = join(__dirname, '..');

/** Templates every theme must provide (directly or through its parent). */
export const REQUIRED_TEMPLATES = [LAYOUT, 'core:errors/error'];

export interface PrepareOptions {
  /** Load plugins' TypeScript sources (the test runner transpiles them). */
  readonly preferSource?: boolean;
  readonly log?: Logger;
}

/** Everything known before any I/O on the database: plugins registered and sealed, views and strings loaded. */
export interface Prepared {
  readonly config: SigessConfig;
  readonly log: Logger;
  readonly container: DependencyContainer;
  readonly kernel: Kernel;
  /** The installation's theme chain, its strings and templates (`looks.installation`'s). */
  readonly themes: readonly ThemeInfo[];
  readonly translator: Translator;
  readonly engine: ViewEngine;
  /** Every installed theme ready to render: the installation's and those an organization may choose. */
  readonly looks: Looks;
  readonly assets: Assets;
  readonly routes: RouteTable;
  readonly migrationOwners: readonly MigrationOwner[];
}

export function pluginSchema(id: string): string {
  return `plg_${id.replace(/-/g, '_')}`;
}

/** Discovery → compatibility → order → register → views and strings → seal. No database yet. */
export function prepare(config: SigessConfig, options: PrepareOptions = {}): Prepared {
  const log = options.log ?? createLogger(config.logLevel);
  const container = globalContainer.createChildContainer();
  container.registerInstance(CoreTokens.Config, config);
  container.registerInstance(CoreTokens.Logger, log);
  container.registerInstance(CoreTokens.Audit, new AuditService());

  const kernel = new Kernel({
    rootDir: config.rootDir,
    plugins: config.plugins,
    pluginSettings: config.pluginSettings,
    rootContainer: container,
    preferSource: options.preferSource,
    registerCore: (p) => {
      registerHome(p);
      registerAudit(p);
      registerTerritory(p);
      registerPeople(p);
      registerAccess(p);
      registerCartella(p);
      registerCatalogue(p);
      registerInterventions(p);
      registerForms(p);
      registerAlerts(p);
      registerCriticalEvents(p);
      registerPlans(p);
      registerConsents(p);
      registerDocuments(p);
      registerAdmin(p);
      registerOutbox(p);
      registerExports(p);
    },
    corePermissions: [
      ...homePermissions,
      ...auditPermissions,
      ...territoryPermissions,
      ...peoplePermissions,
      ...accessPermissions,
      ...cartellaPermissions,
      ...cataloguePermissions,
      ...interventionPermissions,
      ...formsPermissions,
      ...alertPermissions,
      ...criticalEventPermissions,
      ...planPermissions,
      ...consentPermissions,
      ...documentPermissions,
      ...adminPermissions,
      ...outboxPermissions,
      ...exportPermissions,
    ],
  });
  const pluginDirs = kernel.plugins.map((p) => ({ id: p.id, dir: p.pkg.dir }));
  // Every installed theme is made ready, not only the installation's: an organization may choose any of them.
  const installed = resolveInstalledChains(config.theme, config.rootDir);
  const assets = new Assets(installed.chains, config.theme, pluginDirs, join(CORE_DIR, 'assets'));
  const routes = new RouteTable(kernel.registry.everything(Routes).map((r) => r.value));
  const built = Looks.build(config.theme, installed.chains, {
    coreDir: CORE_DIR,
    plugins: pluginDirs,
    required: REQUIRED_TEMPLATES,
    url: (name, params) => routes.url(name, params),
    asset: (ref, theme) => assets.url(ref, theme),
  });
  const looks = built.looks;
  const { chain: themes, translator, engine } = looks.installation;

  const problems = [...installed.problems, ...built.problems];
  installSealChecks(kernel.registry, {
    permissions: kernel.permissions,
    hasTemplate: (name) => engine.has(name),
    missingTranslations: (key) => translator.missing(key),
  });
  kernel.registry.seal(problems);

  const migrationOwners: MigrationOwner[] = [
    { id: 'core', schema: 'core', migrations: coreMigrations },
    ...kernel.plugins
      .filter((p) => p.definition.migrations?.length)
      .map((p) => ({ id: p.id, schema: pluginSchema(p.id), migrations: p.definition.migrations ?? [] })),
  ];
  return { config, log, container, kernel, themes, translator, engine, looks, assets, routes, migrationOwners };
}

/** The database: the configured server, or the embedded one under dataDir. */
export interface Database {
  readonly url: string;
  readonly embedded: EmbeddedDatabase | null;
  /** PGlite serves one connection at a time: pools must hold exactly one. */
  readonly singleConnection: boolean;
  stop(): Promise<void>;
}

export async function openDatabase(config: SigessConfig): Promise<Database> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: null, singleConnection: false, stop: async () => undefined };
  const embedded = await startEmbeddedDatabase(config.dataDir);
  return { url: embedded.url, embedded, singleConnection: true, stop: () => embedded.stop() };
}

/** Work as the schema owner (migrations, seeds), on a connection closed afterwards. */
export async function asOwner<R>(prepared: Prepared, db: Database, work: (orm: MikroORM) => Promise<R>): Promise<R> {
  const orm = await openOrm({ url: db.url, entities: organizationEntities, poolSize: 1, log: prepared.log });
  try {
    return await work(orm);
  } finally {
    await orm.close(true);
  }
}

/** Applies pending migrations, then makes sure roles exist and new permissions get their default grants. */
async function migrateAsOwner(prepared: Prepared, orm: MikroORM): Promise<{ owner: string; applied: string[] }[]> {
  const results = await runMigrations(orm, prepared.migrationOwners, prepared.config.appRole, prepared.log);
  await orm.em.fork().transactional((em) => new RoleMatrix(prepared.kernel.permissions).seed(em));
  return results;
}

/** Demo data: idempotent, safe to run twice. Returns the rows added. */
async function seedDemoAsOwner(orm: MikroORM, registry: ExtensionRegistry, log: Logger): Promise<number> {
  const added = await orm.em
    .fork()
    .transactional(
      async (em) =>
        (await seedDemoOrganizations(em)) +
        (await seedDemoOperators(em)) +
        (await seedDemoPeople(em)) +
        (await seedDemoCartelle(em)) +
        (await seedDemoShares(em)) +
        (await seedDemoCatalogue(em)) +
        (await seedDemoInterventions(em)) +
        (await seedDemoPlans(em)) +
        (await seedPluginDemoData(em, registry, log)),
    );
  // Fresh statistics for the rows just loaded. Without them the planner takes the people table for
  // empty and self-joins it row by row (the duplicates queue took 2.4 s on PGlite, 30 ms after this);
  // a server's autovacuum would catch up within a minute, the embedded database never does.
  if (added > 0)
    await orm.em
      .fork()
      .execute(
        'analyze core.organization, core.person, core.household, core.household_member, core.access_contact, core.cartella, core.cartella_team, core.diary_note, core.plan, core.plan_goal',
      );
  return added;
}

export async function migrate(prepared: Prepared, db: Database): Promise<{ owner: string; applied: string[] }[]> {
  return asOwner(prepared, db, (orm) => migrateAsOwner(prepared, orm));
}

/** Migrates, then loads the demo data. */
export async function migrateAndSeedDemo(prepared: Prepared, db: Database): Promise<number> {
  return asOwner(prepared, db, async (orm) => {
    await migrateAsOwner(prepared, orm);
    return seedDemoAsOwner(orm, prepared.kernel.registry, prepared.log);
  });
}

/**
 * Start-up's database work on one owner connection: migrations, then the demo
 * data when wanted and the database holds no organization yet. Returns whether it seeded.
 */
async function prepareDatabase(prepared: Prepared, db: Database, wantDemo: boolean): Promise<boolean> {
  return asOwner(prepared, db, async (orm) => {
    await migrateAsOwner(prepared, orm);
    if (!wantDemo) return false;
    const [row] = await orm.em.fork().execute<{ empty: boolean }[]>('select not exists (select from core.organization) as empty');
    return Boolean(row?.empty) && (await seedDemoAsOwner(orm, prepared.kernel.registry, prepared.log)) > 0;
  });
}

/** The running platform: what the HTTP pipeline and the CLI work with. */
export interface Platform extends Prepared {
  readonly db: Database;
  readonly orm: MikroORM;
  readonly activation: ActivationService;
  readonly organizations: OrganizationService;
  readonly operators: OperatorService;
  readonly sessions: SessionService;
  readonly apiTokens: ApiTokenService;
  readonly matrix: RoleMatrix;
  readonly audit: AuditService;
  /** The installation theme's renderer; a request renders with its organization's look (`organizationThemes`). */
  readonly renderer: PageRenderer;
  /** The theme each organization has chosen, or inherits. */
  readonly organizationThemes: OrganizationThemes;
  /** Background jobs (`ScheduledJobs`): on the queue when `config.jobs`, and runnable at once. */
  readonly jobs: JobRunner;
  /** Whether this start seeded demo data. */
  readonly seeded: boolean;
  currentOrganization(em: EntityManager): Promise<OrgRef | null>;
  close(): Promise<void>;
}

function runtimeFor(platform: { log: Logger; orm: MikroORM }): (plugin: LoadedPlugin) => PluginRuntime {
  return (plugin) => ({
    id: plugin.id,
    container: plugin.container,
    log: platform.log.child({ plugin: plugin.id }),
    settings: plugin.settings,
    withEm: (work) => platform.orm.em.fork().transactional((em) => work(em as never)),
  });
}

/**
 * Start-up after `prepare`: database (embedded when none is configured),
 * migrations (core, then plugins in dependency order), demo data on a first
 * embedded start, the application's ORM under the unprivileged role, then
 * each plugin's boot.
 */
export async function startPlatform(prepared: Prepared, database?: Database): Promise<Platform> {
  const { config, log, kernel } = prepared;
  const db = database ?? (await openDatabase(config));
  try {
    let seeded = false;
    if (config.migrateOnStart) {
      seeded = await prepareDatabase(prepared, db, config.demo === 'always' || (config.demo === 'auto' && db.embedded !== null));
    }
    const orm = await openOrm({
      url: config.databaseAppUrl ?? db.url,
      entities: [...organizationEntities, ...peopleEntities, ...kernel.plugins.flatMap((p) => p.definition.entities ?? [])],
      poolSize: db.singleConnection ? 1 : 10,
      role: config.databaseAppUrl ? undefined : config.appRole,
      log,
    });
    const pending = await pendingMigrations(orm.em.fork(), prepared.migrationOwners);
    if (pending.length) {
      await orm.close(true);
      throw new StartupError(
        pending.map((p) => ({ owner: p.owner, message: `has pending migrations (${p.pending.join(', ')}); run "sigess migrate"` })),
      );
    }
    const activation = new ActivationService(kernel.plugins);
    const organizations = new OrganizationService(activation);
    const renderer = prepared.looks.installation.renderer;
    const organizationThemes = new OrganizationThemes(prepared.looks);
    const jobs = new JobRunner({ orm, kernel, activation, organizations, ports: config.ports, log });
    let defaultOrg: { at: number; org: OrgRef | null } | null = null;
    const platform: Platform = {
      ...prepared,
      db,
      orm,
      activation,
      organizations,
      operators: new OperatorService(),
      sessions: new SessionService({ idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours }),
      apiTokens: new ApiTokenService(),
      matrix: new RoleMatrix(kernel.permissions),
      audit: prepared.container.resolve(CoreTokens.Audit),
      renderer,
      organizationThemes,
      seeded,
      async currentOrganization(em) {
        if (!defaultOrg || Date.now() - defaultOrg.at > 5_000) {
          defaultOrg = { at: Date.now(), org: await organizations.defaultOrganization(em, config.defaultOrganization) };
        }
        return defaultOrg.org;
      },
      jobs,
      async close() {
        await jobs.stop();
        await kernel.shutdown(runtimeFor(platform), config.pluginTimeoutMs, log);
        await orm.close(true);
        await db.stop();
      },
    };
    prepared.container.registerInstance(CoreTokens.Orm, orm);
    prepared.container.registerInstance(CoreTokens.Jobs, jobs);
    // Plugins ask for their own jobs through the SDK's service, never the runner itself.
    prepared.container.register(CoreServices.jobs, {
      useValue: { request: (jobId: string, request?: JobRequest) => jobs.request(jobId, request) },
    });
    // The administration changes what these cache: it gets the very instances the request pipeline reads.
    prepared.container.registerInstance(CoreTokens.Administration, {
      ...platform,
      plugins: kernel.plugins,
      permissions: kernel.permissions,
      structures: kernel.registry.everything(OrganizationStructures).map((s) => s.value),
    });
    await kernel.boot(runtimeFor(platform), config.pluginTimeoutMs);
    if (config.jobs) {
      // On a server the queue has a small pool of its own; the embedded database's one connection is shared.
      await jobs.start(
        new JobQueue(db.singleConnection ? { executor: sharedPoolExecutor(orm, config.appRole), log } : { url: db.url, log }),
      );
    }
    return platform;
  } catch (error) {
    if (!database) await db.stop();
    throw error;
  }
}
