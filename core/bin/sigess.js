#!/usr/bin/env node
// SPDX-License-Identifier: AGPL-3.0-or-later
'use strict';
// Brings the build up to date (a no-op when nothing changed), then runs the CLI.
require('./build.js').ensureBuilt();
require('../dist/cli/main.js')
  .main(process.argv)
  .catch((error) => {
    process.stderr.write(`sigess: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 1;
  });
