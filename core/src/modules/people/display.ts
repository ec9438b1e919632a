// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestCtx } from '../../sdk/context';
import type { Address, Contact, Person } from './entities';
import type { EDITABLE_FIELDS } from './people';
import { placeLabel, placesByCode } from './places';
import { dateTimeFormat } from '../../sdk/formats';

type EditableField = (typeof EDITABLE_FIELDS)[number];
type Places = Awaited<ReturnType<typeof placesByCode>>;

const NONE = '–';

/** The place codes a set of values names, to look up once before describing them. */
export function placeCodesOf(values: readonly Partial<Pick<Person, EditableField>>[]): (string | null | undefined)[] {
  return values.flatMap((v) => [v.birthPlaceCode, v.residence?.comuneCode, v.domicile?.comuneCode]);
}

export async function placesFor(em: EntityManager, values: readonly Partial<Pick<Person, EditableField>>[]): Promise<Places> {
  return placesByCode(em, placeCodesOf(values));
}

/**
 * A person's field as an operator reads it, in the request's language: names
 * of places rather than cadastral codes, dates as dates, an address on one
 * line. Where two records or two versions are compared side by side (merge,
 * edit conflict), so that what differs is plain to see.
 */
export function describeField(ctx: Pick<RequestCtx, 't' | 'locale'>, places: Places, field: EditableField, value: unknown): string {
  if (value === null || value === undefined || value === '') return NONE;
  const place = (code: string | null | undefined): string => (code ? (places.has(code) ? placeLabel(places.get(code)!) : code) : '');
  switch (field) {
    case 'provisionalKind':
      return ctx.t(`core:people.identityKinds.${String(value)}`);
    case 'sex':
      return ctx.t(`core:people.sexes.${String(value)}`);
    case 'birthDate':
    case 'deceasedDate':
      return dateTimeFormat(ctx.locale === 'en' ? 'en-GB' : 'it-IT', { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${String(value)}T00:00:00Z`),
      );
    case 'birthPlaceCode':
      return place(String(value));
    case 'citizenships':
      return (value as string[]).length ? (value as string[]).join(' ') : NONE;
    case 'residence':
    case 'domicile': {
      const address = value as Address;
      if (address.noFixedAbode) return ctx.t('core:people.fields.noFixedAbode');
      const line = [address.street, address.houseNumber, address.postcode, place(address.comuneCode)].filter(Boolean).join(' ');
      return line || NONE;
    }
    case 'contacts':
      return (value as Contact[]).length
        ? (value as Contact[])
            .map((c) => `${ctx.t(`core:people.contactKinds.${c.kind}`)}: ${c.value}${c.holder ? ` (${c.holder})` : ''}`)
            .join('; ')
        : NONE;
    default:
      return String(value);
  }
}
