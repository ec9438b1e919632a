// SPDX-License-Identifier: AGPL-3.0-or-later
import type { SigessConfig } from '../config/config';
import { StartupError } from '../kernel/errors';
import { OperatorService } from '../modules/operators/operators';
import { MIN_PASSWORD_LENGTH, passwordProblems } from '../modules/operators/passwords';
import { asOwner, migrate, openDatabase, prepare } from '../platform';

export interface InitOptions {
  /** Code of the root organization: the region, consortium or comune that runs the installation. */
  readonly organization: string;
  readonly organizationName: string;
  readonly kind: 'region' | 'ambito';
  readonly username: string;
  readonly displayName: string;
  readonly email?: string;
}

const WHY: Record<string, string> = {
  'core:account.password.errors.tooShort': `shorter than ${MIN_PASSWORD_LENGTH} characters`,
  'core:account.password.errors.containsUsername': 'it contains the username',
};

/** The password from SIGESS_INIT_PASSWORD, or the first line of standard input (never a command-line argument: it would show in `ps`). */
async function readPassword(): Promise<string> {
  const fromEnv = process.env.SIGESS_INIT_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) process.stderr.write('password for the first administrator: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/**
 * A new installation's first steps, without demo data: migrations, the root
 * organization, and its first system administrator, who then builds the rest
 * in the administration pages. Refuses when the database already has an
 * organization, so it can never take over a running installation.
 */
export async function initCommand(config: SigessConfig, options: InitOptions): Promise<void> {
  const password = await readPassword();
  const problems = passwordProblems(password, options.username);
  if (problems.length) throw StartupError.of('core', `the password is not acceptable: ${problems.map((k) => WHY[k] ?? k).join('; ')}`);
  const prepared = prepare(config);
  const db = await openDatabase(config);
  try {
    await migrate(prepared, db);
    await asOwner(prepared, db, (orm) =>
      orm.em.fork().transactional(async (em) => {
        const [{ n } = { n: 0 }] = await em.execute<{ n: number }[]>('select count(*)::int as n from core.organization');
        if (n > 0) throw StartupError.of('core', 'the database already holds organizations: init is for a new installation only');
        const [org] = await em.execute<{ id: string }[]>(
          'insert into core.organization (code, name, kind) values (?, ?, ?) returning id::text as id',
          [options.organization, options.organizationName, options.kind],
        );
        const operators = new OperatorService();
        const operatorId = await operators.create(em, {
          username: options.username,
          displayName: options.displayName,
          ...(options.email ? { email: options.email } : {}),
          password,
        });
        await operators.addMembership(em, operatorId, org!.id, 'system-admin');
      }),
    );
    process.stdout.write(
      `installation ready: organization ${options.organization}, system administrator ${options.username}; sign in and continue in Amministrazione\n`,
    );
  } finally {
    await db.stop();
  }
}
