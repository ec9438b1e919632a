// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteContext } from '../../sdk/routes';
import { HttpError, type FieldError } from '../../sdk/errors';
import { codeErrors } from '../access/code-options';
import { localToday } from '../../sdk/local-time';
import { LEGAL_BASES, SHARING_PURPOSE } from '../consents/codes';
import { ConsentService } from '../consents/consents';
import { actor, cartelle } from './actions';
import type { Cartella } from './cartelle';
import { CartellaSharingService, MAX_SHARE_DAYS, type CartellaShare } from './sharing';
import { SharedReads } from './shared-reads';
import type { ShareGrantInput } from './share-schemas';

/**
 * Sharing as routes perform it, shared by the pages and the API: who may receive, the checks of the grant,
 * the service call and the audit entry. The audit entries are about the cartella, so the owner's privacy
 * officer sees them and every read the partner makes of it (`core.audit_visible`).
 */

export const sharing = new CartellaSharingService();
export const sharedReads = new SharedReads();
const consents = new ConsentService();

export interface Grantee {
  readonly id: string;
  readonly code: string;
  readonly name: string;
}

/** Organizations a cartella may be shared with: those outside the request's scope, partners (ASL…) first. */
export async function grantees(ctx: RouteContext): Promise<Grantee[]> {
  return ctx.em.execute<Grantee[]>(
    `select id::text as id, code, name from core.organization where not (id = any (core.request_scope()))
     order by (kind <> 'partner'), name`,
  );
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whether a consent to sharing with health services is in force for the cartella's person. */
export async function sharingConsent(ctx: RouteContext, cartella: Cartella): Promise<boolean> {
  return consents.inForce(ctx.em, cartella.personId, SHARING_PURPOSE);
}

export interface CheckedGrant {
  readonly errors: FieldError[];
  readonly granteeOrgId: string;
  readonly legalBasis: string | null;
}

/**
 * What a grant needs beyond its schema: a recipient outside the owner's scope (inside it, the cartella is
 * already visible by the organization tree), an end in the future and at most a year away, and a lawful basis —
 * the person's consent when one is on record, otherwise stated by the operator.
 */
export async function grantErrors(ctx: RouteContext, cartella: Cartella, input: ShareGrantInput): Promise<CheckedGrant> {
  const errors: FieldError[] = [];
  const [org] = await ctx.em.execute<{ id: string; inScope: boolean }[]>(
    'select id::text as id, (id = any (core.request_scope()) or id = ?) as "inScope" from core.organization where code = ?',
    [cartella.ownerOrgId, input.granteeCode],
  );
  if (!org) errors.push({ field: 'granteeCode', message: ctx.t('core:sharing.errors.grantee') });
  else if (org.inScope) errors.push({ field: 'granteeCode', message: ctx.t('core:sharing.errors.granteeInScope') });
  const today = localToday();
  if (input.expiresOn <= today) errors.push({ field: 'expiresOn', message: ctx.t('core:sharing.errors.expiresPast') });
  else if (input.expiresOn > addDays(today, MAX_SHARE_DAYS))
    errors.push({ field: 'expiresOn', message: ctx.t('core:sharing.errors.expiresTooFar') });
  const consented = await sharingConsent(ctx, cartella);
  let legalBasis = input.legalBasis ?? (consented ? 'consent' : null);
  errors.push(...codeErrors(ctx, [{ field: 'legalBasis', list: LEGAL_BASES, value: input.legalBasis }]));
  if (!legalBasis) errors.push({ field: 'legalBasis', message: ctx.t('core:sharing.errors.legalBasis') });
  else if (legalBasis === 'consent' && !consented) {
    errors.push({ field: 'legalBasis', message: ctx.t('core:sharing.errors.noConsent') });
    legalBasis = null;
  }
  return { errors, granteeOrgId: org?.id ?? '', legalBasis };
}

export async function grantShare(ctx: RouteContext, cartella: Cartella, input: ShareGrantInput, checked: CheckedGrant): Promise<string> {
  const who = actor(ctx);
  const id = await sharing.grant(
    ctx.em,
    cartella,
    {
      granteeOrgId: checked.granteeOrgId,
      parts: input.parts,
      purpose: input.purpose,
      expiresOn: input.expiresOn,
      legalBasis: checked.legalBasis,
    },
    who,
  );
  const share = (await sharing.find(ctx.em, cartella.id, id))!;
  await ctx.audit({
    action: 'cartella.share.grant',
    entity: 'cartella',
    entityId: cartella.id,
    details: {
      share: id,
      grantee: share.granteeCode,
      parts: share.parts.join(','),
      expiresOn: share.expiresOn,
      legalBasis: share.legalBasis,
    },
  });
  return id;
}

/** Ends a share now: 404 unknown, 403 for the receiving side, 409 when it already ended. */
export async function revokeShare(ctx: RouteContext, cartella: Cartella, shareId: string | undefined): Promise<CartellaShare> {
  const outcome = await sharing.revoke(ctx.em, cartella.id, shareId ?? '', actor(ctx));
  if (outcome.kind === 'missing') throw HttpError.notFound();
  if (outcome.kind === 'not-owner') throw new HttpError(403, 'core:errors.403.title');
  if (outcome.kind === 'already-ended') throw HttpError.conflict('core:sharing.errors.ended');
  await ctx.audit({
    action: 'cartella.share.revoke',
    entity: 'cartella',
    entityId: cartella.id,
    details: { share: outcome.share.id, grantee: outcome.share.granteeCode },
  });
  return outcome.share;
}

/** The cartella the request owns, or 404 (the granting side's routes). */
export async function ownCartella(ctx: RouteContext, id: string | undefined): Promise<Cartella> {
  const cartella = id ? await cartelle.find(ctx.em, id) : null;
  if (!cartella) throw HttpError.notFound();
  return cartella;
}

/**
 * A cartella the request owns, or one a live share opens to it (with that share); 404 otherwise: a cartella
 * whose share was revoked or ended does not exist for the partner any more.
 */
export async function ownOrSharedCartella(
  ctx: RouteContext,
  id: string | undefined,
): Promise<{ cartella: Cartella; share: CartellaShare | null }> {
  const own = id ? await cartelle.find(ctx.em, id) : null;
  if (own) return { cartella: own, share: null };
  const cartella = id ? await cartelle.findShared(ctx.em, id) : null;
  const share = cartella ? await sharing.liveToScope(ctx.em, cartella.id) : null;
  if (!cartella || !share) throw HttpError.notFound();
  return { cartella, share };
}
