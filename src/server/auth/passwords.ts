import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** The shortest password accepted (NIST SP 800-63B / OWASP ASVS: length, not composition rules). */
export const MIN_PASSWORD_LENGTH = 12;
/** The longest: enough for any passphrase, short of making hashing a denial of service. */
export const MAX_PASSWORD_LENGTH = 1000;

/** Why a new password is refused, in a sentence for the person choosing it; null when it is fine. */
export function passwordProblem(password: string): string | null {
  // Characters as a person counts them (code points), not UTF-16 units.
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `The password must have at least ${MIN_PASSWORD_LENGTH} characters (it has ${length}).`;
  if (length > MAX_PASSWORD_LENGTH) return `The password must have at most ${MAX_PASSWORD_LENGTH} characters.`;
  return null;
}

/**
 * An argon2id hash in PHC form (`$argon2id$v=19$m=…`). @node-rs/argon2's defaults (argon2id,
 * 19 MiB, 2 passes, 1 lane) are OWASP's minimum for argon2id; the algorithm is its default
 * (the package's `Algorithm` is a const enum, which isolated modules cannot import).
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Whether `password` matches a stored hash; false (not a throw) for a malformed hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let decoy: Promise<string> | undefined;

/**
 * Spends the time of one verification against a hash of a random password, so that an unknown
 * user name answers as slowly as a wrong password and timing does not tell which names exist.
 */
export async function spendVerification(password: string): Promise<void> {
  decoy ??= hashPassword(randomBytes(24).toString('base64url'));
  await verifyPassword(await decoy, password);
}
