// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import type { RouteContext, RouteRegistrar } from '../../sdk/routes';
import { HttpError } from '../../sdk/errors';
import type { Cartella, StateChange } from './cartelle';
import type { DiaryNote } from './diary';
import type { TeamMember } from './team';
import {
  cartellaCreateInput,
  cartellaOutput,
  cartelleQuery,
  diaryNoteInput,
  diaryNoteOutput,
  diaryQuery,
  teamAddInput,
  teamEndInput,
  teamMemberOutput,
  transitionInput,
  transitionOutput,
  type CartelleQuery,
} from './schemas';
import {
  addMember,
  addNote,
  applyTransition,
  cartelle,
  createErrors,
  diary,
  endMember,
  noteErrors,
  readDiary,
  takeInCharge,
  team,
  teamErrors,
  transitionErrors,
  visibleCartella,
} from './actions';

const iso = (d: Date | string): string => new Date(d).toISOString();

function memberJson(m: TeamMember): z.input<typeof teamMemberOutput> {
  return { id: m.id, operator: { id: m.operatorId, displayName: m.displayName }, role: m.role, validFrom: m.validFrom, validTo: m.validTo };
}

function changeJson(t: StateChange): z.input<typeof transitionOutput> {
  return {
    id: t.id,
    from: t.from,
    to: t.to,
    on: t.on,
    reason: t.reason,
    note: t.note,
    by: t.byId ? { id: t.byId, displayName: t.byName ?? '' } : null,
    at: iso(t.at),
  };
}

export function cartellaJson(c: Cartella, parts: { team?: TeamMember[]; history?: StateChange[] } = {}): z.input<typeof cartellaOutput> {
  return {
    id: c.id,
    number: c.number,
    owner: { id: c.ownerOrgId, code: c.ownerCode, name: c.ownerName },
    person: { id: c.personId, surname: c.surname, name: c.name },
    area: c.area,
    state: c.state,
    stateSince: c.stateSince,
    openedOn: c.openedOn,
    responsible: { id: c.responsibleId, displayName: c.responsibleName },
    version: c.version,
    ...(parts.team ? { team: parts.team.map(memberJson) } : {}),
    ...(parts.history ? { history: parts.history.map(changeJson) } : {}),
  };
}

export function noteJson(n: DiaryNote): z.input<typeof diaryNoteOutput> {
  return {
    id: n.id,
    cartellaId: n.cartellaId,
    occurredOn: n.occurredOn,
    type: n.type,
    confidentiality: n.confidentiality,
    body: n.body,
    correctsId: n.correctsId,
    correctedBy: n.correctedBy,
    author: { id: n.authorId, displayName: n.authorName },
    createdAt: iso(n.createdAt),
  };
}

/** A cartella with its team and history, read (audited) for an answer. */
async function full(ctx: RouteContext, id: string) {
  const cartella = await visibleCartella(ctx, id);
  return cartellaJson(cartella, { team: await team.members(ctx.em, id), history: await cartelle.history(ctx.em, id) });
}

/** The cartella's JSON API under /api/v1: the same actions and schemas as the pages. */
export function registerCartellaApi(r: RouteRegistrar): void {
  r.get(
    'api.cartelle.list',
    '/api/v1/cartelle',
    {
      permission: 'core.cartella.view',
      query: cartelleQuery,
      response: z.object({ items: z.array(cartellaOutput) }),
      summary: "The operator's cartelle (as responsible or team member), or all the organization's; by state, area and person",
    },
    async (ctx) => {
      const q = ctx.query as CartelleQuery;
      const items = await cartelle.list(ctx.em, { ...q, scope: q.scope ?? (q.person ? 'all' : 'mine') });
      await ctx.audit({ action: 'cartella.list', entity: 'cartella', details: { results: items.length } });
      return { json: { items: items.map((c) => cartellaJson(c)) } };
    },
  );
  r.post(
    'api.cartelle.create',
    '/api/v1/cartelle',
    {
      permission: 'core.cartella.manage',
      body: cartellaCreateInput,
      response: cartellaOutput,
      summary: 'Take a person in charge: open a cartella of the data controller (409 when one is open for the person)',
    },
    async (ctx) => {
      const input = ctx.body as z.output<typeof cartellaCreateInput>;
      const errors = await createErrors(ctx, input);
      if (errors.length) throw HttpError.invalid(errors);
      const id = await takeInCharge(ctx, input);
      return { json: await full(ctx, id), status: 201 };
    },
  );
  r.get(
    'api.cartelle.show',
    '/api/v1/cartelle/:id',
    { permission: 'core.cartella.view', response: cartellaOutput, summary: 'Read a cartella with its team and the history of its states' },
    async (ctx) => {
      const json = await full(ctx, ctx.params.id ?? '');
      await ctx.audit({ action: 'cartella.read', entity: 'cartella', entityId: json.id, details: { person: json.person.id } });
      return { json };
    },
  );
  r.post(
    'api.cartelle.transition',
    '/api/v1/cartelle/:id/transitions',
    {
      permission: 'core.cartella.manage',
      body: transitionInput,
      response: cartellaOutput,
      summary: 'Suspend, resume, close (with a coded reason) or reopen; 409 for a move the state does not allow or a stale version',
    },
    async (ctx) => {
      const cartella = await visibleCartella(ctx, ctx.params.id);
      const input = ctx.body as z.output<typeof transitionInput>;
      const errors = transitionErrors(ctx, cartella, input);
      if (errors.length) throw HttpError.invalid(errors);
      await applyTransition(ctx, cartella, input);
      return { json: await full(ctx, cartella.id) };
    },
  );
  r.post(
    'api.cartelle.team.add',
    '/api/v1/cartelle/:id/team',
    { permission: 'core.cartella.manage', body: teamAddInput, response: cartellaOutput, summary: 'Add an operator to the team' },
    async (ctx) => {
      const cartella = await visibleCartella(ctx, ctx.params.id);
      const input = ctx.body as z.output<typeof teamAddInput>;
      const errors = await teamErrors(ctx, input);
      if (errors.length) throw HttpError.invalid(errors);
      await addMember(ctx, cartella, input);
      return { json: await full(ctx, cartella.id), status: 201 };
    },
  );
  r.post(
    'api.cartelle.team.end',
    '/api/v1/cartelle/:id/team/:memberId/end',
    {
      permission: 'core.cartella.manage',
      body: teamEndInput,
      response: cartellaOutput,
      summary: 'Take an operator off the team from a date',
    },
    async (ctx) => {
      const cartella = await visibleCartella(ctx, ctx.params.id);
      await endMember(ctx, cartella, ctx.params.memberId, ctx.body as z.output<typeof teamEndInput>);
      return { json: await full(ctx, cartella.id) };
    },
  );
  r.get(
    'api.cartelle.diary',
    '/api/v1/cartelle/:id/diary',
    {
      permission: 'core.cartella.diary',
      query: diaryQuery,
      response: z.object({ items: z.array(diaryNoteOutput), total: z.number().int(), page: z.number().int() }),
      summary: "The diary's notes the operator may read (team-only notes: the responsible and the team), newest first",
    },
    async (ctx) => {
      const cartella = await visibleCartella(ctx, ctx.params.id);
      const q = ctx.query as z.output<typeof diaryQuery>;
      const page = await readDiary(ctx, cartella, q);
      return { json: { items: page.items.map(noteJson), total: page.total, page: q.page } };
    },
  );
  r.post(
    'api.cartelle.diary.add',
    '/api/v1/cartelle/:id/diary',
    {
      permission: 'core.cartella.diary',
      body: diaryNoteInput,
      response: diaryNoteOutput,
      summary: 'Add a note to the diary (notes are never edited: a correction is a note with correctsId)',
    },
    async (ctx) => {
      const cartella = await visibleCartella(ctx, ctx.params.id);
      const input = ctx.body as z.output<typeof diaryNoteInput>;
      const errors = await noteErrors(ctx, cartella, input);
      if (errors.length) throw HttpError.invalid(errors);
      const id = await addNote(ctx, cartella, input);
      const note = await diary.find(ctx.em, cartella.id, id);
      return { json: noteJson(note!), status: 201 };
    },
  );
}
