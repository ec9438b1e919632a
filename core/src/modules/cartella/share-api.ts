// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import type { RouteRegistrar } from '../../sdk/routes';
import { HttpError } from '../../sdk/errors';
import type { CartellaShare } from './sharing';
import { shareGrantInput, shareOutput, type ShareGrantInput } from './share-schemas';
import { grantErrors, grantShare, ownCartella, ownOrSharedCartella, revokeShare, sharing } from './share-actions';

const iso = (d: Date | string | null): string | null => (d ? new Date(d).toISOString() : null);

export function shareJson(s: CartellaShare): z.input<typeof shareOutput> {
  return {
    id: s.id,
    cartella: { id: s.cartellaId, number: s.cartellaNumber },
    owner: { id: s.ownerOrgId, name: s.ownerName },
    grantee: { id: s.granteeOrgId, code: s.granteeCode, name: s.granteeName },
    parts: s.parts,
    purpose: s.purpose,
    expiresOn: s.expiresOn,
    legalBasis: s.legalBasis,
    grantedAt: iso(s.grantedAt)!,
    grantedBy: s.grantedBy,
    revokedAt: iso(s.revokedAt),
    revokedBy: s.revokedBy,
    status: s.status,
    owned: s.owned,
  };
}

/** Sharing under /api/v1: the same actions and schemas as the pages. Registered before the cartella's `:id` routes. */
export function registerShareApi(r: RouteRegistrar): void {
  r.get(
    'api.cartelle.shared',
    '/api/v1/cartelle/shared',
    {
      permission: 'core.cartella.view',
      response: z.object({ items: z.array(shareOutput) }),
      summary: "The live shares of other organizations' cartelle with the request's organization, ending soonest first",
    },
    async (ctx) => {
      const items = await sharing.sharedWithScope(ctx.em);
      await ctx.audit({ action: 'cartella.shared.list', entity: 'cartella', details: { results: items.length } });
      return { json: { items: items.map(shareJson) } };
    },
  );
  r.get(
    'api.cartelle.shares',
    '/api/v1/cartelle/:id/shares',
    {
      permission: 'core.cartella.share',
      response: z.object({ items: z.array(shareOutput) }),
      summary: "The cartella's shares, live and ended (revoked or past their end date)",
    },
    async (ctx) => {
      const cartella = await ownCartella(ctx, ctx.params.id);
      const items = await sharing.of(ctx.em, cartella.id);
      await ctx.audit({ action: 'cartella.share.list', entity: 'cartella', entityId: cartella.id, details: { results: items.length } });
      return { json: { items: items.map(shareJson) } };
    },
  );
  r.post(
    'api.cartelle.shares.grant',
    '/api/v1/cartelle/:id/shares',
    {
      permission: 'core.cartella.share',
      body: shareGrantInput,
      response: shareOutput,
      summary:
        'Share the cartella (summary, and the parts listed) with an organization outside the owner, with a purpose and an end date at most a year away',
    },
    async (ctx) => {
      const cartella = await ownCartella(ctx, ctx.params.id);
      const input = ctx.body as ShareGrantInput;
      const checked = await grantErrors(ctx, cartella, input);
      if (checked.errors.length) throw HttpError.invalid(checked.errors);
      const id = await grantShare(ctx, cartella, input, checked);
      return { json: shareJson((await sharing.find(ctx.em, cartella.id, id))!), status: 201 };
    },
  );
  r.post(
    'api.cartelle.shares.revoke',
    '/api/v1/cartelle/:id/shares/:shareId/revoke',
    {
      permission: 'core.cartella.share',
      response: shareOutput,
      summary: 'End a share now (the granting side only: 403 for the receiving one; 409 when it already ended)',
    },
    async (ctx) => {
      const { cartella } = await ownOrSharedCartella(ctx, ctx.params.id);
      return { json: shareJson(await revokeShare(ctx, cartella, ctx.params.shareId)) };
    },
  );
}
