// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import type { PluginRegistrar } from '../../sdk/plugin';
import type { PermissionDeclaration } from '../../sdk/manifest';
import { blankToUndefined } from '../../sdk/input';
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

// Messages are i18n keys, translated by the pipeline, which checks the query before the handler
// runs and answers 422 problem+json with one message per field at fault.
const Q = 'core:territory.errors.q';
const ON = 'core:territory.errors.on';
const LIMIT = 'core:territory.errors.limit';

export const placesQuery = z.object({
  q: z
    .string({ error: Q })
    .trim()
    .min(1, { error: Q })
    .max(100, { error: Q })
    .describe('A name, accents and case aside ("forli" finds Forlì), or an exact code: H501, Z112, 058091'),
  // An empty parameter is no parameter: clients build the URL from a birth date that may not be known yet.
  on: z
    .preprocess(blankToUndefined, z.iso.date({ error: ON }).optional())
    .describe('YYYY-MM-DD: leave out places that had ceased by then (a birth date, say)'),
  limit: z
    .preprocess(
      blankToUndefined,
      z.coerce.number({ error: LIMIT }).int({ error: LIMIT }).min(1, { error: LIMIT }).max(50, { error: LIMIT }).optional(),
    )
    .describe('At most this many places, 1 to 50 (default 20)'),
});

const place = z
  .object({
    kind: z.enum(['comune', 'foreign-state']),
    belfioreCode: z.string().describe('Cadastral code: H501, Z112'),
    istatCode: z.string().nullable().describe('ISTAT code of a current comune'),
    name: z.string(),
    province: z.string().nullable().describe('Province abbreviation of a comune'),
    validFrom: z.iso.date().nullable().describe('Start of the record the source keeps; the place may be older'),
    validTo: z.iso.date().nullable().describe('First day the place no longer exists'),
  })
  .meta({ id: 'Place' });

/** The places API: comuni and foreign states by name or code, for birth places, addresses and citizenships. */
export function registerTerritory(p: PluginRegistrar): void {
  const territory = new TerritoryService();
  p.routes((r) => {
    r.get(
      'api.places',
      '/api/v1/places',
      {
        permission: 'core.territory.view',
        query: placesQuery,
        response: z.object({ items: z.array(place) }),
        summary: 'Comuni (current and ceased) and foreign states by name or code',
      },
      async (ctx) => {
        const { q, on, limit } = ctx.query as z.output<typeof placesQuery>;
        return { json: { items: await territory.searchPlaces(ctx.em, q, { on, limit }) } };
      },
    );
  });
}
