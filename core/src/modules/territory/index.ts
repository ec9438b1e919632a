// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import type { TFunction } from 'i18next';
import type { PluginRegistrar } from '../../sdk/plugin';
import type { PermissionDeclaration } from '../../sdk/manifest';
import { HttpError, type FieldError } from '../../http/problem';
import { TerritoryService } from './territory';

export { TerritoryService, type Place, type PlaceKind, type PlaceSearch } from './territory';

export const territoryPermissions: PermissionDeclaration[] = [
  {
    id: 'core.territory.view',
    description: { it: "Consultare l'elenco dei comuni e degli stati esteri", en: 'Look up comuni and foreign states' },
    // Reference data, not personal data: every signed-in role needs it to fill in a birth place or an address.
    defaultRoles: ['operator'],
  },
];

/** An empty `on` is no date: clients build the URL from a birth date that may not be known yet. */
const blankToUndefined = (value: unknown) => (value === '' ? undefined : value);

const placesQuery = z.object({
  q: z.string().trim().min(1).max(100),
  on: z.preprocess(blankToUndefined, z.iso.date().optional()),
  limit: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(50).optional()),
});

/** One message per field at fault, in the request's language. */
function fieldErrors(error: z.ZodError, t: TFunction): FieldError[] {
  const fields = [...new Set(error.issues.map((issue) => String(issue.path[0] ?? 'q')))];
  return fields.map((field) => ({ field, message: t(`core:territory.errors.${field}`) }));
}

/** The places API: comuni and foreign states by name or code, for birth places, addresses and citizenships. */
export function registerTerritory(p: PluginRegistrar): void {
  const territory = new TerritoryService();
  p.routes((r) => {
    r.get('api.places', '/api/v1/places', { permission: 'core.territory.view' }, async (ctx) => {
      const parsed = placesQuery.safeParse(ctx.query);
      if (!parsed.success) throw new HttpError(422, 'core:errors.422.title', undefined, fieldErrors(parsed.error, ctx.t));
      const { q, on, limit } = parsed.data;
      return { json: { items: await territory.searchPlaces(ctx.em, q, { on, limit }) } };
    });
  });
}
