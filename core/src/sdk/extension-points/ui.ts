// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineManyPoint } from '../extension-point';
import type { RequestCtx } from '../context';

/** The menus the core renders. A closed list: an unknown menu stops start-up. */
export const MENUS = ['main', 'admin'] as const;
export type MenuName = (typeof MENUS)[number];

export interface MenuItem {
  /** Unique, prefixed with the contributor's id: `hello.greeting`. */
  readonly id: string;
  readonly menu: MenuName;
  /** i18n key, namespaced: `hello:menu.label`. */
  readonly labelKey: string;
  /** Name of the route it opens: `hello.index`. */
  readonly route: string;
  /** Lower first; ties go to dependency order, then id. */
  readonly position?: number;
  /** Hidden unless the principal holds it (defaults to the route's permission). */
  readonly permission?: string;
  /**
   * Shown only when this says so too, for a rule one permission cannot express (core's _Esportazioni_:
   * any flow's permission). Synchronous and cheap: it runs on every page the menu is on.
   */
  visible?(ctx: RequestCtx): boolean;
  /** A Bootstrap Italia sprite name, e.g. `it-star-outline`. */
  readonly icon?: string;
}
export const MenuItems = defineManyPoint<MenuItem>('sigess.menu-items');

/**
 * The zones where pages accept additions. A closed list: the core renders each
 * with `{{slot "zone"}}`, and an unknown zone stops start-up.
 */
export const SLOT_ZONES = [
  'home.main',
  'home.side',
  'person.details.after',
  'cartella.header.after',
  'cartella.main.after',
  'cartella.side.before',
  'cartella.side.after',
  'intervention.details.after',
  'access.details.after',
] as const;
export type SlotZone = (typeof SLOT_ZONES)[number];

/**
 * What a page is about, as its route names it (`{ view, model, subject }`): a cartella page's slots get
 * `{ kind: 'cartella', id }` and load what they show of that cartella. Null on pages about nothing in
 * particular (home, lists).
 */
export interface PageSubject {
  readonly kind: 'person' | 'cartella' | 'intervention' | 'access';
  readonly id: string;
}

export interface PageSlot<Model extends object = object> {
  readonly id: string;
  readonly zone: SlotZone;
  /** Logical template name in the contributor's namespace: `hello:slots/welcome`. */
  readonly template: string;
  readonly position?: number;
  readonly permission?: string;
  /**
   * Builds the plain view-model the template gets; runs before the page renders, inside the request's
   * transaction. Returning null leaves the slot out (nothing of this contribution for that subject).
   */
  load?(ctx: RequestCtx, subject: PageSubject | null): Promise<Model | null> | Model | null;
}
export const PageSlots = defineManyPoint<PageSlot>('sigess.page-slots');
