// SPDX-License-Identifier: AGPL-3.0-or-later
import Handlebars from 'handlebars';
import { PageSlots, type PageSubject } from '../sdk/extension-points/ui';
import type { RequestCtx } from '../sdk/context';
import type { OrgView } from '../kernel/registry';
import type { ViewEngine } from './engine';
import type { RenderData } from './helpers';

export const LAYOUT = 'core:layouts/default';

export interface PageRequest {
  readonly ctx: RequestCtx;
  readonly view: OrgView;
  /** The context a contribution of `owner` gets (its own namespace, its settings). */
  ctxFor(owner: string): RequestCtx;
  /** The layout's view-model: language switch, menus, organization… */
  readonly shell: Record<string, unknown>;
  /** What the page is about, for its slots' loaders. */
  readonly subject?: PageSubject | null;
}

/**
 * Renders a page inside the theme's layout. Slot zones the page and layout
 * use are known from the templates themselves, so only those contributions
 * load, before the synchronous render.
 */
export class PageRenderer {
  constructor(private readonly engine: ViewEngine) {}

  async render(view: string, model: object, request: PageRequest): Promise<string> {
    const zones = new Set([...this.engine.zonesOf(view), ...this.engine.zonesOf(LAYOUT)]);
    const slots: Record<string, { id: string; html: string }[]> = {};
    const baseData = { locale: request.ctx.locale, t: request.ctx.t, slots: {}, shell: request.shell, can: request.ctx.can };
    if (zones.size) {
      const wanted = request.view
        .allWithOwner(PageSlots)
        .filter(({ value }) => zones.has(value.zone) && (!value.permission || request.ctx.can(value.permission)));
      // One after the other: loaders share the request's transaction (and its audit entries), one connection.
      for (const { owner, value } of wanted) {
        const ctx = request.ctxFor(owner);
        const slotModel = value.load ? await value.load(ctx, request.subject ?? null) : {};
        if (slotModel === null) continue;
        (slots[value.zone] ??= []).push({ id: value.id, html: this.engine.render(value.template, slotModel, { ...baseData, t: ctx.t }) });
      }
    }
    const data: RenderData = { ...baseData, slots };
    const body = this.engine.render(view, model, data);
    return this.engine.render(LAYOUT, { ...model, body: new Handlebars.SafeString(body) }, data);
  }

  /** A page outside the normal flow (errors): no slots, nothing to load. */
  renderBare(view: string, model: object, data: Omit<RenderData, 'slots'>): string {
    const full: RenderData = { ...data, slots: {} };
    const body = this.engine.render(view, model, full);
    return this.engine.render(LAYOUT, { ...model, body: new Handlebars.SafeString(body) }, full);
  }
}
