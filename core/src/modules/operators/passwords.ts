// SPDX-License-Identifier: AGPL-3.0-or-later
import argon2 from 'argon2';

/** Argon2id with the library's defaults (64 MiB, 3 passes): the OWASP-recommended family. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal usernames. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy-password-for-timing');
  return decoy;
}

export const MIN_PASSWORD_LENGTH = 12;

/** i18n keys of what is wrong with a new password; empty when it is acceptable. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) problems.push('core:account.password.errors.tooShort');
  if (password.toLowerCase().includes(username.toLowerCase())) problems.push('core:account.password.errors.containsUsername');
  return problems;
}
