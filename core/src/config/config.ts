// SPDX-License-Identifier: AGPL-3.0-or-later
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { StartupError } from '../kernel/errors';

/**
 * The instance configuration. Sources, later wins: defaults, the JSON file
 * (`sigess.config.json` in the working folder, or `SIGESS_CONFIG`), then
 * environment variables. Relative paths resolve against the file's folder.
 */
export const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().default('127.0.0.1'),
  /** Where the embedded database keeps its files when no databaseUrl is set. */
  dataDir: z.string().default('./data'),
  /** A PostgreSQL server; absent means the embedded PGlite under dataDir. */
  databaseUrl: z.string().url().optional(),
  /** A login role for the application's queries; absent means SET ROLE appRole on the owner connection. */
  databaseAppUrl: z.string().url().optional(),
  /** The unprivileged role application queries run under (row-level security binds it). */
  appRole: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('sigess_app'),
  /** Plugins to load: ids found under plugins/ or examples/, package names, or paths. */
  plugins: z.array(z.string()).default([]),
  /** Per-plugin instance settings, validated by each plugin's schema. */
  pluginSettings: z.record(z.string(), z.unknown()).default({}),
  /** Port id → implementation id, when several active plugins implement one port. */
  ports: z.record(z.string(), z.string()).default({}),
  theme: z.string().default('base'),
  /** The organization anonymous requests act in (its code); default: the first root organization. */
  defaultOrganization: z.string().optional(),
  /** Run pending migrations when the server starts. */
  migrateOnStart: z.boolean().default(true),
  /** Seed demo data on the first start: `auto` does so on the embedded database only. */
  demo: z.enum(['auto', 'always', 'never']).default('auto'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Minutes without a request before a session ends, and hours after sign-in when it ends anyway. */
  sessionIdleMinutes: z.coerce.number().int().positive().default(30),
  sessionAbsoluteHours: z.coerce.number().int().positive().default(12),
  /** Mark cookies Secure (behind HTTPS, which every production installation must use). */
  secureCookies: z.boolean().default(false),
  /** Run background jobs (schedules, alerts) on this node; several nodes may, the queue runs each job once. */
  jobs: z.boolean().default(true),
  /** Milliseconds a plugin's boot or shutdown may take. */
  pluginTimeoutMs: z.coerce.number().int().positive().default(10_000),
  /** Cartella documents: where their bytes are kept (see docs/documents.md) and the largest file accepted. */
  documents: z
    .object({
      storage: z.enum(['database', 'folder']).default('database'),
      /** The folder of `folder` storage; relative paths resolve like dataDir. */
      folder: z.string().optional(),
      maxBytes: z.coerce.number().int().positive().default(10_485_760),
    })
    .refine((d) => d.storage !== 'folder' || Boolean(d.folder), { message: 'folder storage needs "folder"', path: ['folder'] })
    .prefault({}),
  /** Export files (docs/exports.md): their folder (default `<dataDir>/exports`) and the days a finished one is kept. */
  exports: z
    .object({
      folder: z.string().optional(),
      keepDays: z.coerce.number().int().positive().default(7),
    })
    .prefault({}),
});

export type SigessConfig = z.infer<typeof configSchema> & {
  /** The folder relative paths resolve against (the config file's folder or the working folder). */
  readonly rootDir: string;
};

const ENV: Record<string, keyof z.input<typeof configSchema>> = {
  PORT: 'port',
  HOST: 'host',
  SIGESS_DATA_DIR: 'dataDir',
  DATABASE_URL: 'databaseUrl',
  DATABASE_APP_URL: 'databaseAppUrl',
  SIGESS_THEME: 'theme',
  SIGESS_DEFAULT_ORG: 'defaultOrganization',
  SIGESS_DEMO: 'demo',
  LOG_LEVEL: 'logLevel',
};

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
  overrides: Partial<z.input<typeof configSchema>> = {},
): SigessConfig {
  const file = env.SIGESS_CONFIG ? resolve(cwd, env.SIGESS_CONFIG) : resolve(cwd, 'sigess.config.json');
  let fromFile: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      fromFile = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw StartupError.of('core', `configuration file ${file} is not valid JSON: ${(error as Error).message}`);
    }
  } else if (env.SIGESS_CONFIG) {
    throw StartupError.of('core', `configuration file ${file} (SIGESS_CONFIG) does not exist`);
  }
  const fromEnv: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV)) {
    if (env[name] !== undefined && env[name] !== '') fromEnv[key] = env[name];
  }
  if (env.SIGESS_PLUGINS !== undefined) {
    fromEnv.plugins = env.SIGESS_PLUGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  const parsed = configSchema.safeParse({ ...fromFile, ...fromEnv, ...overrides });
  if (!parsed.success) {
    throw new StartupError(
      parsed.error.issues.map((issue) => ({
        owner: 'core',
        message: `configuration: "${issue.path.join('.')}" ${issue.message}`,
      })),
    );
  }
  const rootDir = existsSync(file) ? dirname(file) : cwd;
  const documents = { ...parsed.data.documents, folder: parsed.data.documents.folder && resolve(rootDir, parsed.data.documents.folder) };
  const dataDir = resolve(rootDir, parsed.data.dataDir);
  const exports = { ...parsed.data.exports, folder: resolve(rootDir, parsed.data.exports.folder ?? resolve(dataDir, 'exports')) };
  return { ...parsed.data, dataDir, documents, exports, rootDir };
}
