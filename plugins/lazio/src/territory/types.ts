// SPDX-License-Identifier: AGPL-3.0-or-later

/** An azienda sanitaria locale and its distretti sanitari, as the region's data name them. */
export interface AslData {
  /** Internal code: `asl-roma-1`, `asl-latina`. */
  readonly code: string;
  readonly name: string;
  readonly districts: readonly { readonly code: string; readonly name: string }[];
}

/**
 * A distretto socio-sanitario (L.R. 11/2016 art. 43): the comuni that plan and run social services together,
 * the comune capofila that leads them, and the ASL distretto sanitario with which they integrate socio-health
 * care (PUA, UVMD).
 */
export interface DistrettoData {
  /** Internal code: `distretto-rm-5-1`. */
  readonly code: string;
  /** `Distretto socio-sanitario RM 5.1`. */
  readonly name: string;
  /** The comune capofila's cadastral code: one of `comuni`. */
  readonly capofila: string;
  /** The internal code of the ASL's distretto sanitario (an `AslData` district). */
  readonly healthDistrict: string;
  /** The comuni, by cadastral (Belfiore) code, each with its name as a check (a test compares it with the reference data). */
  readonly comuni: readonly { readonly belfiore: string; readonly name: string }[];
  /** Where the composition was read. */
  readonly source: string;
}
