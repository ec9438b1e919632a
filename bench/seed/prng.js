// SPDX-License-Identifier: AGPL-3.0-or-later
'use strict';
/**
 * A small seeded PRNG (mulberry32) and the draws the generator needs. Everything the seed produces comes
 * from one stream of it, so the same seed gives the same territory, byte for byte.
 */

/** @param {number} seed */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  /** @param {number} seed */
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  /** An integer in [min, max]. @param {number} min @param {number} max */
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  /** @param {number} p */
  chance(p) {
    return this.next() < p;
  }
  /** @template T @param {readonly T[]} list @returns {T} */
  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }
  /** A random version-4 UUID from this stream (deterministic, unlike crypto.randomUUID). */
  uuid() {
    let hex = '';
    for (let i = 0; i < 4; i += 1) hex += (Math.floor(this.next() * 4294967296) >>> 0).toString(16).padStart(8, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[parseInt(hex[16], 16) & 3]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

/**
 * Draws from weighted entries in O(log n): cumulative weights and a binary search.
 * @template T
 */
class Weighted {
  /** @param {readonly (readonly [T, number])[]} entries */
  constructor(entries) {
    this.values = entries.map((e) => e[0]);
    this.cumulative = [];
    let total = 0;
    for (const [, weight] of entries) this.cumulative.push((total += weight));
    this.total = total;
  }
  /** @param {Random} r @returns {T} */
  draw(r) {
    const target = r.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo];
  }
}

module.exports = { Random, Weighted, mulberry32 };
