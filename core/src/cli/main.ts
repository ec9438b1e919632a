// SPDX-License-Identifier: AGPL-3.0-or-later
import 'reflect-metadata';
import { Command } from 'commander';
import { loadConfig, type SigessConfig } from '../config/config';
import { StartupError } from '../kernel/errors';
import { SDK_VERSION } from '../sdk/version';
import { startCommand } from './start';
import { migrateCommand, seedCommand } from './database';
import { pluginsListCommand } from './plugins';
import { themeCheckCommand, themeListCommand } from './theme';
import { auditVerifyCommand } from './audit';
import { initCommand, type InitOptions } from './init';

/** Prints a start-up refusal as the plain lines it is made of, without a stack. */
function fail(error: unknown): never {
  if (error instanceof StartupError) {
    process.stderr.write(
      `sigess: cannot start:\n${error.message
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n')}\n`,
    );
    process.exit(1);
  }
  throw error;
}

export async function main(argv: readonly string[]): Promise<void> {
  const program = new Command('sigess')
    .description('SIGeSS: social services for Italian comuni, ambiti and regions')
    .version(SDK_VERSION, '-v, --version');
  const config = (): SigessConfig => {
    try {
      return loadConfig();
    } catch (error) {
      return fail(error);
    }
  };
  const guard =
    <A extends unknown[]>(fn: (...args: A) => Promise<void>) =>
    async (...args: A): Promise<void> => {
      try {
        await fn(...args);
      } catch (error) {
        fail(error);
      }
    };

  program
    .command('start')
    .description('run the web server (embedded PostgreSQL when DATABASE_URL is not set)')
    .action(guard(() => startCommand(config())));
  program
    .command('migrate')
    .description('apply pending migrations: core, then each plugin in dependency order')
    .action(guard(() => migrateCommand(config())));
  program
    .command('seed')
    .description('load data into the database')
    .requiredOption('--demo', 'the demo territory (idempotent)')
    .action(guard(() => seedCommand(config())));
  program
    .command('init')
    .description(
      'a new installation without demo data: migrate, create the root organization and its first system administrator ' +
        '(password from SIGESS_INIT_PASSWORD or the first line of standard input)',
    )
    .requiredOption('--organization <code>', 'code of the root organization (lower case, digits, dashes)')
    .requiredOption('--organization-name <name>', 'its name, e.g. "Regione …" or "Ambito territoriale n. 4"')
    .option('--kind <kind>', 'region or ambito', 'region')
    .requiredOption('--username <username>', "the administrator's username")
    .requiredOption('--display-name <name>', "the administrator's full name")
    .option('--email <email>', "the administrator's e-mail")
    .action(
      guard(async (options: InitOptions) => {
        if (options.kind !== 'region' && options.kind !== 'ambito') fail(StartupError.of('core', '--kind must be region or ambito'));
        await initCommand(config(), options);
      }),
    );
  const plugins = program.command('plugins').description('installed plugins');
  plugins
    .command('list')
    .description('each installed plugin: version, required core range, enabled, where active')
    .option('--json', 'machine-readable output')
    .action(guard((options: { json?: boolean }) => pluginsListCommand(config(), options)));
  const audit = program.command('audit').description('the audit log');
  audit
    .command('verify')
    .description('walk the hash chain and report the first altered entry (exit code 2 when altered)')
    .action(guard(() => auditVerifyCommand(config())));
  const theme = program.command('theme').description('themes');
  theme
    .command('check [id]')
    .description('compile every template of a theme and report unknown partials and helpers')
    .action(guard((id?: string) => themeCheckCommand(config(), id)));
  theme
    .command('list')
    .description("the installed themes, which organizations may choose; * marks the installation's")
    .action(guard(() => themeListCommand(config())));

  await program.parseAsync([...argv]);
}
