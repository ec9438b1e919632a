// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RequestCtx } from '../../sdk/context';
import type { RouteContext } from '../../sdk/routes';
import { HttpError } from '../../sdk/errors';
import type { CartellaShareState, CartellaSharing } from '../../sdk/services';
import { grantErrors, grantShare, ownCartella, revokeShare, sharing } from './share-actions';
import type { CartellaShare } from './sharing';

const state = (s: CartellaShare): CartellaShareState => ({
  id: s.id,
  granteeCode: s.granteeCode,
  granteeName: s.granteeName,
  parts: s.parts,
  purpose: s.purpose,
  expiresOn: s.expiresOn,
  status: s.status,
});

// The actions take a route's context for its `t`, `em` and `audit`, all of which a RequestCtx has.
const asRoute = (ctx: RequestCtx): RouteContext => ctx as RouteContext;

/** Core's sharing, offered to plugins through `CoreServices.cartellaSharing`: the page's checks, audit and fences. */
export const cartellaSharingService: CartellaSharing = {
  async grant(ctx, cartellaId, request) {
    const route = asRoute(ctx);
    const cartella = await ownCartella(route, cartellaId);
    const input = { ...request, parts: [...request.parts], legalBasis: request.legalBasis };
    const checked = await grantErrors(route, cartella, input);
    if (checked.errors.length) throw HttpError.invalid(checked.errors);
    const id = await grantShare(route, cartella, input, checked);
    return state((await sharing.find(ctx.em, cartella.id, id))!);
  },
  async revoke(ctx, cartellaId, shareId) {
    const route = asRoute(ctx);
    return state(await revokeShare(route, await ownCartella(route, cartellaId), shareId));
  },
  async find(ctx, cartellaId, shareId) {
    const share = await sharing.find(ctx.em, cartellaId, shareId);
    return share ? state(share) : null;
  },
};
