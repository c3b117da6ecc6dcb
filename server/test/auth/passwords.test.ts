import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/auth/passwords.ts';

describe('password hashing', () => {
  it('hashes with argon2id, salted, and verifies', async () => {
    const [a, b] = await Promise.all([hashPassword('tournee-demo'), hashPassword('tournee-demo')]);
    expect(a).toMatch(/^\$argon2id\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'tournee-demo')).toBe(true);
    expect(await verifyPassword(a, 'tournee-demO')).toBe(false);
  });

  it('says no for unknown users and malformed hashes, without throwing', async () => {
    expect(await verifyPassword(undefined, 'anything')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
  });
});
