// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The test kit for core and plugins (`@sigess/core/testing`): a whole
 * platform on a database of its own, driven through HTTP with supertest.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import supertest from 'supertest';
import { loadConfig, type configSchema } from '../config/config';
import type { z } from 'zod';
import { createHttpApp } from '../http/app';
import { prepare, startPlatform, type Platform } from '../platform';
import { createTestDatabase } from './database';

export { createTestDatabase, testServerUrl } from './database';
export { actIn, apiClient, formToken, signIn } from './sign-in';
export { asOwner } from './owner';
export { ruleChecker, type RuleChecker, type RuleCheckerOptions } from './eligibility';

export interface TestAppOptions extends Partial<z.input<typeof configSchema>> {
  /** The workspace the plugins and themes are found in; defaults to the repository root. */
  readonly rootDir?: string;
}

export interface TestApp {
  /** A client that keeps cookies, like one browser. */
  readonly agent: ReturnType<typeof supertest.agent>;
  /** Another browser: a fresh client with no cookies. */
  newAgent(): ReturnType<typeof supertest.agent>;
  readonly platform: Platform;
  close(): Promise<void>;
}

/** Repository root, from core/src/testing or core/dist/testing. */
export const REPOSITORY_ROOT = resolve(__dirname, '..', '..', '..');

/** Starts the platform (migrated, with the demo territory) on a fresh database. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const { rootDir = REPOSITORY_ROOT, ...overrides } = options;
  const db = await createTestDatabase();
  // Export files go to a folder of this app's own, removed when it closes: never the repository's ./data.
  const exportsFolder = overrides.exports?.folder ? null : mkdtempSync(join(tmpdir(), 'sigess-exports-'));
  try {
    // Hermetic: the repository's own sigess.config.json (the demo's plugins and their settings) reaches no test.
    const config = loadConfig({}, rootDir, {
      logLevel: 'silent',
      demo: 'always',
      jobs: false,
      plugins: [],
      pluginSettings: {},
      ...overrides,
      ...(exportsFolder ? { exports: { ...overrides.exports, folder: exportsFolder } } : {}),
      databaseUrl: db.url,
    });
    const prepared = prepare(config, { preferSource: true, log: pino({ level: config.logLevel }) });
    const platform = await startPlatform(prepared, db);
    const callback = createHttpApp(platform).callback();
    return {
      agent: supertest.agent(callback),
      newAgent: () => supertest.agent(callback),
      platform,
      async close() {
        await platform.close();
        if (exportsFolder) rmSync(exportsFolder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await db.stop();
    if (exportsFolder) rmSync(exportsFolder, { recursive: true, force: true });
    throw error;
  }
}
