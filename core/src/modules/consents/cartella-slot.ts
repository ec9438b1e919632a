// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PageSlot } from '../../sdk/extension-points/ui';
import { labeller } from '../access/code-options';
import { cartelle } from '../cartella/actions';
import { CONSENT_PURPOSES } from './codes';
import { consents } from './actions';

/**
 * "Privacy e consensi" on the cartella's page: whether the information notice was given, the consents in force
 * and withdrawn, the way to the privacy page. The owner's section: a partner reading a shared cartella gets none.
 */
export const consentsCartellaSlot: PageSlot = {
  id: 'core.consents.cartella',
  zone: 'cartella.side.after',
  template: 'core:consents/cartella-slot',
  position: 10,
  permission: 'core.consents.view',
  async load(ctx, subject) {
    if (subject?.kind !== 'cartella') return null;
    const cartella = await cartelle.find(ctx.em, subject.id);
    if (!cartella) return null;
    const list = await consents.ofPerson(ctx.em, cartella.personId);
    await ctx.audit({
      action: 'consent.list',
      entity: 'person',
      entityId: cartella.personId,
      details: { cartella: cartella.id, results: list.length, where: 'cartella' },
    });
    const purpose = labeller(ctx, CONSENT_PURPOSES);
    const notice = list.find((c) => c.kind === 'notice');
    return {
      cartellaId: cartella.id,
      notice: notice ? { givenOn: notice.givenOn } : null,
      consents: list
        .filter((c) => c.kind === 'consent')
        .map((c) => ({ id: c.id, purposeLabel: purpose(c.purpose), givenOn: c.givenOn, withdrawnOn: c.withdrawnOn, inForce: c.inForce })),
    };
  },
};
