// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Server } from 'node:http';
import type { SigessConfig } from '../config/config';
import { createHttpApp } from '../http/app';
import { prepare, startPlatform } from '../platform';
import { DEMO_PASSWORD, demoAccounts } from '../modules/operators/demo';
import { DemoData } from '../sdk/extension-points/organizations';

/** Starts the server and stops it cleanly on Ctrl-C or SIGTERM (in-flight requests finish first). */
export async function startCommand(config: SigessConfig): Promise<void> {
  const started = Date.now();
  const prepared = prepare(config);
  const platform = await startPlatform(prepared);
  const app = createHttpApp(platform);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  }).catch(async (error: NodeJS.ErrnoException) => {
    await platform.close();
    throw error;
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = ['127.0.0.1', '0.0.0.0', '::', '::1'].includes(config.host) ? 'localhost' : config.host;
  const pluginAccounts = prepared.kernel.registry.everything(DemoData).flatMap((d) => (d.value.operators ?? []).map((o) => o.username));
  const demo = await demoAccounts(platform.orm.em.fork(), pluginAccounts);
  const lines = [
    '',
    `  SIGeSS is running at http://${shownHost}:${port}/`,
    `  database: ${platform.db.embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL server (DATABASE_URL)'}${platform.seeded ? ', demo data loaded' : ''}`,
    `  plugins:  ${prepared.kernel.plugins.map((p) => `${p.id}@${p.pkg.version}`).join(', ') || 'none enabled'}   theme: ${config.theme}`,
    `  sign in:  http://${shownHost}:${port}/login`,
    ...(demo.length
      ? [`  demo accounts (password "${DEMO_PASSWORD}"): ${demo.join(', ')}`]
      : ['  with an operator account (none yet? load the demo ones with "sigess seed --demo")']),
    `  ready in ${Date.now() - started} ms — press Ctrl-C to stop`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    platform.log.info({ signal }, 'stopping');
    server.close(() => {
      platform
        .close()
        .then(() => process.exit(0))
        .catch((error: unknown) => {
          platform.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        });
    });
    server.closeIdleConnections();
    // Keep-alive browsers must not hold the process open.
    setTimeout(() => server.closeAllConnections(), 5_000).unref();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
