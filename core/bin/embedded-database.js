#!/usr/bin/env node
// SPDX-License-Identifier: AGPL-3.0-or-later
'use strict';
/**
 * Runs the embedded PostgreSQL (PGlite) in a process of its own and prints its
 * URL as one JSON line; it stops when its parent closes stdin or sends
 * SIGTERM. The test kit uses it because PGlite loads WebAssembly through
 * dynamic imports, which jest's module sandbox does not allow.
 * Usage: embedded-database.js [dataDir]   (no dataDir: in memory)
 */
require('./build.js').ensureBuilt();
const { startEmbeddedDatabase } = require('../dist/db/embedded.js');

startEmbeddedDatabase(process.argv[2] || null)
  .then((db) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      db.stop().finally(() => process.exit(0));
    };
    process.stdin.on('end', stop);
    process.stdin.on('close', stop);
    process.stdin.resume();
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    process.stdout.write(`${JSON.stringify({ url: db.url })}\n`);
  })
  .catch((error) => {
    process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  });
