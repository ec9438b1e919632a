// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';

/**
 * Building blocks for input schemas that serve both an HTML form and the JSON API: a form sends
 * every field, empty ones as `''`, and checkboxes as `on` or not at all; the API sends values.
 */

/** An empty form field is an absent value. */
export const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Optional text, trimmed, at most `max` characters. */
export const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

/** An optional ISO date (YYYY-MM-DD). */
export const optionalDate = () => z.preprocess(blankToUndefined, z.iso.date().optional());

/** A checkbox from a form (`on`) or a boolean from the API. */
export const checkbox = () => z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean());

/**
 * A path on this site (`/cartelle/…`) to send the browser back to, or null. `//host` and `/\\host` lead
 * to another site, and whitespace or backslashes have no place in our paths: all refused, so a `next`
 * field can never make an open redirect.
 */
export function localPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 500) return null;
  return /^\/(?![/\\])[^\s\\]*$/.test(value) ? value : null;
}
