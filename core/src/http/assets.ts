// SPDX-License-Identifier: AGPL-3.0-or-later
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Koa from 'koa';
import mount from 'koa-mount';
import serve from 'koa-static';
import type { ThemeInfo } from '../views/themes';
import { fontFaceCss } from './fonts';

const YEAR = 365 * 24 * 3600 * 1000;

function bootstrapItalia(): { dir: string; version: string } {
  const pkg = require.resolve('bootstrap-italia/package.json');
  return { dir: join(dirname(pkg), 'dist'), version: (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version };
}

/**
 * Static files, all from local folders (no CDN): Bootstrap Italia from its
 * package under a versioned, immutable URL; each installed theme's chain
 * (child first) under `/assets/themes/<id>/`, the installation's also under
 * `/assets/theme/`; core's own; each plugin's `assets/`.
 */
export class Assets {
  private readonly bi = bootstrapItalia();

  constructor(
    /** Each installed theme's chain, child first. */
    private readonly themes: ReadonlyMap<string, readonly ThemeInfo[]>,
    /** The installation's theme: what `theme:` means when no theme is named. */
    private readonly installationTheme: string,
    private readonly plugins: readonly { id: string; dir: string }[],
    private readonly coreAssetsDir: string,
  ) {}

  /**
   * Public URL of `owner:path`: `bi:css/bootstrap-italia.min.css`, `theme:css/theme.css`, `core:js/x.js`, `<plugin>:x`.
   * `theme:` is looked up in the chain of `theme` (the request's theme; by default the installation's).
   */
  url(ref: string, theme = this.installationTheme): string {
    const colon = ref.indexOf(':');
    const owner = ref.slice(0, colon);
    const path = ref.slice(colon + 1);
    if (owner === 'bi') return `/assets/bi/${this.bi.version}/${path}`;
    if (owner === 'theme') return `/assets/themes/${theme}/${path}`;
    if (owner === 'core') return `/assets/core/${path}`;
    return `/assets/p/${owner}/${path}`;
  }

  middleware(): Koa.Middleware {
    const app = new Koa();
    const fonts = fontFaceCss(this.bi.dir);
    app.use(async (ctx, next) => {
      if (ctx.path !== `/bi/${this.bi.version}/fonts.css`) return next();
      ctx.type = 'text/css';
      ctx.set('Cache-Control', `public, max-age=${YEAR / 1000}, immutable`);
      ctx.body = fonts;
    });
    app.use(mount(`/bi/${this.bi.version}`, serve(this.bi.dir, { maxage: YEAR, immutable: true, index: false })));
    for (const [id, chain] of this.themes) app.use(mount(`/themes/${id}`, this.chainApp(chain)));
    // The address themes had before organizations could choose one: the installation's, for links written by hand.
    app.use(mount('/theme', this.chainApp(this.themes.get(this.installationTheme) ?? [])));
    if (existsSync(this.coreAssetsDir)) app.use(mount('/core', serve(this.coreAssetsDir, { maxage: 3600_000, index: false })));
    for (const plugin of this.plugins) {
      const dir = join(plugin.dir, 'assets');
      if (existsSync(dir)) app.use(mount(`/p/${plugin.id}`, serve(dir, { maxage: 3600_000, index: false })));
    }
    return mount('/assets', app);
  }

  /** A chain's files, the child's first: a child theme replaces a parent's file by having one at the same path. */
  private chainApp(chain: readonly ThemeInfo[]): Koa {
    const chainApp = new Koa();
    for (const theme of chain) {
      const dir = join(theme.dir, 'assets');
      if (existsSync(dir)) chainApp.use(serve(dir, { maxage: 3600_000, index: false }));
    }
    return chainApp;
  }
}
