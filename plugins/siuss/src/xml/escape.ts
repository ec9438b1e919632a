// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Text as XML 1.0 carries it. XML 1.0 allows #x9, #xA, #xD, #x20–#xD7FF, #xE000–#xFFFD and #x10000–#x10FFFF:
 * anything else (the other C0 controls, unpaired surrogates, U+FFFE, U+FFFF) cannot be written at all and is
 * dropped. The pre-validation checks values after the same cleaning, so what it accepts is what is written.
 */

/** Anything that needs work: markup characters, controls, surrogates (paired or not), U+FFFE/U+FFFF. */
// eslint-disable-next-line no-control-regex -- control characters are what this is about
const SPECIAL = /[&<>"\u0000-\u001f\ud800-\udfff\ufffe\uffff]/;
/** Only what XML 1.0 forbids (paired surrogates are handled by the loop below). */
// eslint-disable-next-line no-control-regex -- control characters are what this is about
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The value without the characters XML 1.0 cannot carry: what a reader of the written file gets back. */
export function cleanXmlText(value: string): string {
  if (!FORBIDDEN.test(value)) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (isHigh(code)) {
      const next = value.charCodeAt(i + 1);
      if (isLow(next)) {
        out += value[i]! + value[i + 1]!;
        i++;
      }
      continue;
    }
    if (isLow(code) || code === 0xfffe || code === 0xffff) continue;
    if (code < 0x20 && code !== 0x9 && code !== 0xa && code !== 0xd) continue;
    out += value[i]!;
  }
  return out;
}

/**
 * The value escaped for an attribute (double-quoted) or element content: `&`, `<`, `>` and `"` as entities, tab,
 * line feed and carriage return as character references (an attribute would otherwise turn them into spaces),
 * forbidden characters dropped. Values without anything special are returned as they are, without copying.
 */
export function escapeXml(value: string): string {
  if (!SPECIAL.test(value)) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    switch (code) {
      case 0x26:
        out += '&amp;';
        continue;
      case 0x3c:
        out += '&lt;';
        continue;
      case 0x3e:
        out += '&gt;';
        continue;
      case 0x22:
        out += '&quot;';
        continue;
      case 0x9:
        out += '&#9;';
        continue;
      case 0xa:
        out += '&#10;';
        continue;
      case 0xd:
        out += '&#13;';
        continue;
    }
    if (isHigh(code)) {
      const next = value.charCodeAt(i + 1);
      if (isLow(next)) {
        out += value[i]! + value[i + 1]!;
        i++;
      }
      continue;
    }
    if (code < 0x20 || isLow(code) || code === 0xfffe || code === 0xffff) continue;
    out += value[i]!;
  }
  return out;
}
