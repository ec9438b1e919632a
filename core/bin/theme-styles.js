#!/usr/bin/env node
// SPDX-License-Identifier: AGPL-3.0-or-later
'use strict';
/**
 * Compiles each theme's SCSS (`themes/<id>/scss/<name>.scss`, partials `_*.scss` aside) into
 * `themes/<id>/assets/css/<name>.min.css`, with Bootstrap Italia's sources from node_modules.
 *
 * The compiled files are committed: an installation never compiles anything (sass is a development
 * dependency, and `npm ci --omit=dev && npm start` must serve the theme as it is). Each file starts with
 * a stamp, the fingerprint of everything its output depends on (the sass and Bootstrap Italia versions,
 * the theme's scss/ files), so `--check` tells in a few milliseconds, without compiling, whether a file
 * is out of date; the test suite runs it.
 *
 *   node core/bin/theme-styles.js           compile every theme's styles   (npm run themes:styles)
 *   node core/bin/theme-styles.js --check   exit 1 naming the stale or missing compiled files
 */
const { createHash } = require('node:crypto');
const { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..', '..');
const STAMP = /^\/\*! sigess-theme-styles ([0-9a-f]{64}) /;

/** An installed package's version (read from its folder: sass's `exports` does not expose package.json). */
function versionOf(pkg, root = ROOT) {
  return JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

/** Every file under a folder, as sorted paths relative to it. */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** The compiled files of every theme that has an scss/ folder: source, target and the sources' fingerprint. */
function targets(root = ROOT) {
  const themesDir = join(root, 'themes');
  const result = [];
  for (const entry of readdirSync(themesDir, { withFileTypes: true })) {
    const scssDir = join(themesDir, entry.name, 'scss');
    if (!entry.isDirectory() || !existsSync(scssDir)) continue;
    const hash = createHash('sha256');
    hash.update(`sass ${versionOf('sass', root)}\nbootstrap-italia ${versionOf('bootstrap-italia', root)}\n`);
    for (const file of filesUnder(scssDir)) hash.update(`${file}\n`).update(readFileSync(join(scssDir, file)));
    const fingerprint = hash.digest('hex');
    for (const file of readdirSync(scssDir)) {
      if (!file.endsWith('.scss') || file.startsWith('_')) continue;
      const name = file.replace(/\.scss$/, '');
      result.push({
        source: join(scssDir, file),
        target: join(themesDir, entry.name, 'assets', 'css', `${name}.min.css`),
        fingerprint,
      });
    }
  }
  return result;
}

/** Compiled files whose stamp does not match their sources (or that do not exist). */
function stale(root = ROOT) {
  return targets(root).filter(({ target, fingerprint }) => {
    if (!existsSync(target)) return true;
    const head = readFileSync(target, 'utf8').slice(0, 200);
    return STAMP.exec(head)?.[1] !== fingerprint;
  });
}

function compile(root = ROOT) {
  // Loaded only here: checking the stamps needs no compiler.
  const sass = require('sass');
  for (const { source, target, fingerprint } of targets(root)) {
    const started = Date.now();
    const result = sass.compile(source, {
      style: 'compressed',
      loadPaths: [join(root, 'node_modules')],
      // Bootstrap Italia 2 is written with @import and the global colour functions, which dart-sass deprecates;
      // its warnings are not ours to fix, and would bury a real one in our own sources.
      quietDeps: true,
      silenceDeprecations: ['import', 'global-builtin', 'color-functions', 'slash-div', 'abs-percent', 'if-function'],
    });
    mkdirSync(join(target, '..'), { recursive: true });
    const banner = `/*! sigess-theme-styles ${fingerprint} compiled from ${relative(root, source)} by core/bin/theme-styles.js: do not edit, run "npm run themes:styles" */\n`;
    // In compressed style sass opens with a byte-order mark when the CSS holds a non-ASCII character; below
    // the banner it would sit mid-file. The server sends CSS as UTF-8.
    writeFileSync(target, `${banner}${result.css.replace(/^\uFEFF/, '')}\n`);
    process.stdout.write(`${relative(root, target)}: ${Math.round(result.css.length / 1024)} KiB in ${Date.now() - started} ms\n`);
  }
}

if (require.main === module) {
  if (process.argv.includes('--check')) {
    const out = stale();
    for (const { source, target } of out) {
      process.stderr.write(`${relative(ROOT, target)} is out of date with ${relative(ROOT, source)}: run "npm run themes:styles"\n`);
    }
    process.exitCode = out.length ? 1 : 0;
    if (!out.length) process.stdout.write(`theme styles up to date (${targets().length} file(s))\n`);
  } else {
    compile();
  }
}

module.exports = { targets, stale, compile };
