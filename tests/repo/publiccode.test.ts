// SPDX-License-Identifier: AGPL-3.0-or-later
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

const ROOT = join(__dirname, '..', '..');

/** The rules of publiccode.yml 0.5 that the official parser enforces on our keys (offline check). */
const description = z.object({
  shortDescription: z.string().min(1).max(150),
  longDescription: z.string().min(150).max(10_000),
  features: z.array(z.string().min(1).max(100)).min(1),
  documentation: z.string().url().optional(),
  screenshots: z.array(z.string()).optional(),
});
const schema = z.object({
  publiccodeYmlVersion: z.literal('0.5'),
  name: z.string().min(1),
  url: z.string().url(),
  softwareVersion: z.string().regex(/^\d+\.\d+\.\d+/),
  releaseDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  logo: z.string(),
  platforms: z.array(z.string()).min(1),
  categories: z.array(z.string()).min(1),
  developmentStatus: z.enum(['concept', 'development', 'beta', 'stable', 'obsolete']),
  softwareType: z.enum([
    'standalone/mobile',
    'standalone/iot',
    'standalone/desktop',
    'standalone/web',
    'standalone/backend',
    'standalone/other',
    'addon',
    'library',
    'configurationFiles',
  ]),
  description: z.object({ it: description, en: description }),
  legal: z.object({ license: z.literal('AGPL-3.0-or-later') }),
  maintenance: z.object({
    type: z.enum(['internal', 'contract', 'community', 'none']),
    contacts: z.array(z.object({ name: z.string() })).min(1),
  }),
  localisation: z.object({ localisationReady: z.boolean(), availableLanguages: z.array(z.string()).min(1) }),
  it: z.object({ countryExtensionVersion: z.string() }).passthrough(),
});

describe('publiccode.yml', () => {
  const doc = parse(readFileSync(join(ROOT, 'publiccode.yml'), 'utf8')) as Record<string, unknown>;

  it('follows the standard, version 0.5', () => {
    const result = schema.safeParse(doc);
    expect(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
  });

  it('points at files that exist', () => {
    const parsed = schema.parse(doc);
    const files = [parsed.logo, ...(parsed.description.it.screenshots ?? []), ...(parsed.description.en.screenshots ?? [])];
    expect(files.filter((f) => !existsSync(join(ROOT, f)))).toEqual([]);
  });
});
