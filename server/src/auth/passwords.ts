// Password hashing with argon2id (@node-rs/argon2: prebuilt, no compile step).
// The library's defaults follow the OWASP recommendation for argon2id
// (19 MiB, 2 passes); the parameters are stored in the hash string, so they
// can be raised later without invalidating existing passwords.
import { hash, verify } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 8;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// A hash of a random string, computed once: verifying against it when the
// email is unknown makes "no such user" take as long as "wrong password", so
// response times do not reveal which emails have accounts.
let decoy: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (passwordHash === undefined) {
    await verify(await (decoy ??= hash(crypto.randomUUID())), password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never lets anyone in
  }
}
