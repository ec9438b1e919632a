// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RequestCtx } from '../../sdk/context';
import { PersonRegistryPort, type PersonRegistryAdapter, type RegistryPerson } from '../../sdk/extension-points/ports';
import type { Person } from './entities';

/**
 * Looking a person up in the population register (ANPR, a municipal anagrafe) through the organization's
 * `PersonRegistryPort`: to fill the registration form, or to check a stored person against it. Every lookup is
 * of personal data, for a purpose the operator states: audited with that purpose and the register's reference.
 */

/** The organization's register, when an active plugin offers one; null where none does. */
export function registryOf(ctx: RequestCtx): PersonRegistryAdapter | null {
  try {
    return ctx.extensions.port(PersonRegistryPort);
  } catch {
    return null;
  }
}

export type RegistryAnswer =
  | { readonly status: 'not-configured' }
  | { readonly status: 'unreachable' }
  | { readonly status: 'not-found' }
  | { readonly status: 'found'; readonly person: RegistryPerson };

/** Asks the register, audited (`person.registry-lookup`) on the person when the lookup is about a stored one. */
export async function lookUp(ctx: RequestCtx, codiceFiscale: string, purpose: string, personId?: string): Promise<RegistryAnswer> {
  const registry = registryOf(ctx);
  if (!registry) return { status: 'not-configured' };
  let answer: RegistryAnswer;
  try {
    const person = await registry.lookup(codiceFiscale, ctx, { purpose });
    answer = person ? { status: 'found', person } : { status: 'not-found' };
  } catch (error) {
    ctx.log.warn({ err: error, registry: registry.id }, 'person registry lookup failed');
    answer = { status: 'unreachable' };
  }
  await ctx.audit({
    action: 'person.registry-lookup',
    entity: 'person',
    entityId: personId,
    purpose,
    details: {
      registry: registry.id,
      status: answer.status,
      reference: answer.status === 'found' ? (answer.person.reference ?? null) : null,
    },
  });
  return answer;
}

export const COMPARED_FIELDS = ['surname', 'name', 'sex', 'birthDate', 'birthPlaceCode', 'residenceComune', 'deceasedDate'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface RegistryDifference {
  readonly field: ComparedField;
  readonly stored: string | null;
  readonly registry: string | null;
  readonly same: boolean;
}

const norm = (v: string | null | undefined): string | null => (v ? v.trim().toUpperCase() : null);

/** The stored person beside the register's answer, field by field; a field the register does not give is left out. */
export function compareWithRegistry(person: Person, found: RegistryPerson): RegistryDifference[] {
  const pairs: [ComparedField, string | null, string | null | undefined][] = [
    ['surname', person.surname, found.surname],
    ['name', person.name, found.name],
    ['sex', person.sex, found.sex],
    ['birthDate', person.birthDate, found.birthDate],
    ['birthPlaceCode', person.birthPlaceCode, found.birthPlaceCode],
    ['residenceComune', person.residence?.comuneCode ?? null, found.residence?.comuneCode],
    ['deceasedDate', person.deceasedDate, found.deceasedDate],
  ];
  return pairs
    .filter(([, , registry]) => registry !== undefined)
    .map(([field, stored, registry]) => ({ field, stored, registry: registry ?? null, same: norm(stored) === norm(registry) }));
}

/** The register's answer as the registration form's values (what the operator then checks and saves). */
export function formValuesOf(codiceFiscale: string, found: RegistryPerson): Record<string, unknown> {
  return {
    identityKind: 'cf',
    codiceFiscale: codiceFiscale.toUpperCase(),
    surname: found.surname,
    name: found.name,
    sex: found.sex ?? undefined,
    birthDate: found.birthDate,
    birthPlaceCode: found.birthPlaceCode ?? undefined,
    residence: found.residence
      ? {
          comuneCode: found.residence.comuneCode ?? '',
          street: found.residence.street ?? '',
          houseNumber: found.residence.houseNumber ?? '',
          postcode: found.residence.postcode ?? '',
        }
      : {},
    deceasedDate: found.deceasedDate ?? undefined,
  };
}
