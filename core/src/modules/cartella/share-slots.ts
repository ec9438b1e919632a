// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PageSlot } from '../../sdk/extension-points/ui';
import { Forms } from '../../sdk/extension-points/forms';
import { labeller } from '../access/code-options';
import { formatDateTime } from '../../sdk/local-time';
import { findEntry, entryName } from '../catalogue/catalogue';
import { NOTE_TYPES } from './codes';
import { sharing, sharedReads } from './share-actions';

/** Partner notes the shared cartella's page shows. */
const SHARED_NOTES = 10;

/**
 * The banner a partner sees on a cartella shared with it: by whom, why, until when, which parts. Null for the
 * owner (and for a cartella no live share opens), so the slot stays out.
 */
export const sharedBannerSlot: PageSlot = {
  id: 'core.cartella.shared-banner',
  zone: 'cartella.header.after',
  template: 'core:cartella/shared-banner',
  position: 1,
  async load(ctx, subject) {
    if (subject?.kind !== 'cartella') return null;
    const share = await sharing.liveToScope(ctx.em, subject.id);
    if (!share) return null;
    return {
      owner: share.ownerName,
      purpose: share.purpose,
      expiresOn: share.expiresOn,
      parts: share.parts.map((p) => ctx.t(`core:sharing.parts.${p}`)),
    };
  },
};

/**
 * What a share opens besides the summary, on the partner's page of the cartella: notes written for partners,
 * assessments, the plan, interventions. The owner's sections read the owner's scope only, so for a partner
 * they stay out and this one stands in; each read is audited against the cartella, for the owner's log.
 */
export const sharedPartsSlot: PageSlot = {
  id: 'core.cartella.shared-parts',
  zone: 'cartella.main.after',
  template: 'core:cartella/shared-parts',
  position: 1,
  async load(ctx, subject) {
    if (subject?.kind !== 'cartella') return null;
    const share = await sharing.liveToScope(ctx.em, subject.id);
    if (!share) return null;
    const has = (part: string) => share.parts.some((p) => p === part);
    const notes = has('diary') ? await sharedReads.notes(ctx.em, subject.id, SHARED_NOTES) : null;
    const assessments = has('assessments') ? await sharedReads.assessments(ctx.em, subject.id) : null;
    const plan = has('plan') ? await sharedReads.plan(ctx.em, subject.id) : null;
    const interventions = has('interventions') ? await sharedReads.interventions(ctx.em, subject.id) : null;
    await ctx.audit({
      action: 'cartella.shared.read',
      entity: 'cartella',
      entityId: subject.id,
      details: {
        share: share.id,
        parts: share.parts.join(','),
        notes: notes?.length ?? 0,
        assessments: assessments?.length ?? 0,
        plan: Boolean(plan),
        interventions: interventions?.length ?? 0,
      },
    });
    const noteType = labeller(ctx, NOTE_TYPES);
    return {
      notesShared: has('diary'),
      assessmentsShared: has('assessments'),
      interventionsShared: has('interventions'),
      notes: notes?.map((n) => ({
        ...n,
        typeLabel: noteType(n.type),
        written: formatDateTime(ctx.locale, n.createdAt),
        lines: n.body.split(/\r?\n/),
      })),
      assessments: assessments?.map((a) => {
        const form = ctx.extensions.get(Forms, a.formId);
        return {
          ...a,
          formTitle: form ? ctx.t(form.titleKey) : a.formId,
          draft: a.status === 'draft',
          bands: Object.entries(a.scores)
            .filter(([, s]) => s.complete && s.band)
            .map(([id, s]) => {
              const total = form?.totals?.find((t) => t.id === id);
              return { label: total ? ctx.t(total.labelKey) : id, value: s.value, max: s.max, band: ctx.t(s.band!) };
            }),
        };
      }),
      planShared: has('plan'),
      plan: plan
        ? {
            ...plan,
            stateLabel: ctx.t(`core:plans.states.${plan.state}`),
            goals: plan.goals.map((g) => ({ ...g, horizonLabel: ctx.t(`core:plans.horizons.${g.horizon}`) })),
          }
        : null,
      interventions: interventions?.map((i) => {
        const entry = findEntry(ctx, i.entryCode);
        return { ...i, label: entry ? entryName(ctx, entry) : i.entryCode, stateLabel: ctx.t(`core:interventions.states.${i.state}`) };
      }),
    };
  },
};

/** On the owner's page: the live shares of the cartella and the way to the sharing page. */
export const ownerSharesSlot: PageSlot = {
  id: 'core.cartella.shares',
  zone: 'cartella.side.after',
  template: 'core:cartella/shares-slot',
  position: 20,
  permission: 'core.cartella.share',
  async load(ctx, subject) {
    if (subject?.kind !== 'cartella') return null;
    // A partner's page has the banner instead.
    if (!(await ownsCartella(ctx, subject.id))) return null;
    const live = (await sharing.of(ctx.em, subject.id)).filter((s) => s.status === 'active');
    return {
      cartellaId: subject.id,
      shares: live.map((s) => ({ id: s.id, grantee: s.granteeName, expiresOn: s.expiresOn })),
    };
  },
};

async function ownsCartella(ctx: Parameters<NonNullable<PageSlot['load']>>[0], id: string): Promise<boolean> {
  const rows = await ctx.em.execute<{ id: string }[]>(
    'select id from core.cartella where id = ? and owner_org_id = any (core.request_scope())',
    [id],
  );
  return rows.length > 0;
}
