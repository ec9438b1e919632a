// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RequestCtx } from '../../sdk/context';
import type { PageSlot } from '../../sdk/extension-points/ui';
import { cartelle } from '../cartella/actions';
import { entryName, findEntry } from '../catalogue/catalogue';
import { interventions } from './actions';
import { numberFormat } from '../../sdk/formats';

/** How many open interventions the cartella's page lists; the list page has them all. */
export const CARTELLA_SLOT_LIMIT = 10;

const number = (ctx: RequestCtx, v: number): string => numberFormat(ctx.locale === 'it' ? 'it-IT' : 'en-GB').format(v);
const money = (ctx: RequestCtx, v: number): string =>
  numberFormat(ctx.locale === 'it' ? 'it-IT' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(v);

/**
 * The cartella's open interventions on its page (service, state, period, quantity and what was delivered so
 * far), the way to all of them and the request button.
 */
export const interventionsCartellaSlot: PageSlot = {
  id: 'core.interventions.cartella',
  zone: 'cartella.main.after',
  template: 'core:interventions/cartella-slot',
  position: 10,
  permission: 'core.interventions.view',
  async load(ctx, subject) {
    if (subject?.kind !== 'cartella') return null;
    const cartella = await cartelle.find(ctx.em, subject.id);
    if (!cartella) return null;
    const { items, total } = await interventions.openOfCartella(ctx.em, cartella.id, CARTELLA_SLOT_LIMIT);
    await ctx.audit({
      action: 'intervention.list',
      entity: 'intervention',
      details: { cartella: cartella.id, person: cartella.personId, open: total, where: 'cartella' },
    });
    return {
      cartellaId: cartella.id,
      canRequest: ctx.can('core.interventions.request') && cartella.state !== 'closed',
      total,
      more: total > items.length,
      items: items.map((iv) => {
        const entry = findEntry(ctx, iv.service);
        const unit = ctx.t(`core:catalogue.units.${iv.unit}`);
        return {
          ...iv,
          serviceName: entry ? entryName(ctx, entry) : iv.service,
          stateLabel: ctx.t(`core:interventions.states.${iv.state}`),
          quantityLabel: `${number(ctx, iv.quantity)} ${unit}`,
          deliveredLabel: `${number(ctx, iv.deliveredQuantity)} ${unit} · ${money(ctx, iv.deliveredAmount)}`,
        };
      }),
    };
  },
};
