#!/usr/bin/env node
// SPDX-License-Identifier: AGPL-3.0-or-later
'use strict';
/**
 * Records, in package-lock.json, the platform-specific optional packages of
 * other operating systems (@swc/core-darwin-arm64, …) that npm leaves out when
 * the registry it uses does not serve them. Without these entries `npm ci`
 * refuses the lock ("Missing: … from lock file"). Each added entry carries its
 * os, cpu and libc, so npm skips it on every machine it does not fit and never
 * tries to download it. Idempotent; runs after every `npm install` (prepare).
 */
const fs = require('node:fs');
const path = require('node:path');

const file = path.join(__dirname, '..', 'package-lock.json');
if (!fs.existsSync(file)) process.exit(0);
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages ?? {};
const PLATFORM = /(darwin|linux|win32|android|freebsd|openbsd|netbsd|sunos|aix|openharmony)-(x64|arm64|arm|ia32|ppc64|s390x|riscv64|loong64|mips64el)(?:-(gnu|musl|msvc|gnueabihf|musleabihf|eabi))?$/;

let added = 0;
for (const [where, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${where ? `${where}/` : ''}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (packages[nested] || packages[hoisted]) continue;
    const match = PLATFORM.exec(name);
    if (!match || !/^\d+\.\d+\.\d+/.test(spec)) continue; // only exact-version platform binaries
    const [, os, cpu, abi] = match;
    const record = { version: spec, optional: true, os: [os], cpu: [cpu] };
    if (abi === 'musl' || abi === 'musleabihf') record.libc = ['musl'];
    if (abi === 'gnu' || abi === 'gnueabihf') record.libc = ['glibc'];
    packages[hoisted] = record;
    added += 1;
  }
}
if (added) {
  lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
  fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  process.stdout.write(`lockfile: recorded ${added} platform package(s) of other systems\n`);
}
