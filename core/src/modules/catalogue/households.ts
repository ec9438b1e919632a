// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import { households } from '../people/actions';
import type { HouseholdView } from '../people/households';

/** The kinds of household that are a nucleo: the registered family and the cohabiting one, not the wider networks. */
const NUCLEI = ['anagrafico', 'convivente'];

/**
 * The person's households on a date that can be an ISEE nucleo, the famiglia anagrafica first (the
 * ISEE's nucleo is the registered family, DPCM 159/2013 art. 3). The first is "the current household".
 */
export async function currentHouseholds(em: EntityManager, personId: string, on: string): Promise<HouseholdView[]> {
  const all = await households.ofPerson(em, personId, on);
  return all.filter((h) => NUCLEI.includes(h.kind)).sort((a, b) => NUCLEI.indexOf(a.kind) - NUCLEI.indexOf(b.kind));
}
