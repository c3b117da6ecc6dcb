import { SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { InvalidTokenError, signToken, verifyToken } from '../../src/auth/tokens.ts';

const SECRET = 'a-secret-long-enough-for-hs256-000000';

describe('session tokens', () => {
  it('round-trip the claims', async () => {
    const claims = { sub: 'u1', role: 'technician' as const, technicianId: 't1', agencyIds: ['a1'] };
    expect(await verifyToken(await signToken(claims, SECRET), SECRET)).toEqual(claims);
    const admin = { sub: 'u2', role: 'admin' as const, agencyIds: [] };
    expect(await verifyToken(await signToken(admin, SECRET), SECRET)).toEqual(admin);
  });

  it('refuse another secret, expiry, tampering and malformed claims', async () => {
    const token = await signToken({ sub: 'u1', role: 'dispatcher', agencyIds: ['a1'] }, SECRET);
    await expect(verifyToken(token, 'another-secret-000000000000000000000')).rejects.toThrow(InvalidTokenError);
    const [h, , s] = token.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ sub: 'u1', role: 'admin', agencyIds: [], iss: 'tournee' })).toString('base64url')}.${s}`;
    await expect(verifyToken(forged, SECRET)).rejects.toThrow('invalid token');
    const expired = await signToken({ sub: 'u1', role: 'dispatcher', agencyIds: [] }, SECRET, -10);
    await expect(verifyToken(expired, SECRET)).rejects.toThrow('token expired');
    const wrongRole = await new SignJWT({ role: 'root', agencyIds: [] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuer('tournee')
      .sign(new TextEncoder().encode(SECRET));
    await expect(verifyToken(wrongRole, SECRET)).rejects.toThrow('token claims are malformed');
    await expect(verifyToken('garbage', SECRET)).rejects.toThrow(InvalidTokenError);
  });

  it('answer a token verified before only with its secret and only until its expiry', async () => {
    const claims = { sub: 'u3', role: 'dispatcher' as const, agencyIds: ['a1'], tokenVersion: 2 };
    const token = await signToken(claims, SECRET, 60);
    expect(await verifyToken(token, SECRET)).toEqual(claims);
    expect(await verifyToken(token, SECRET)).toEqual(claims);
    await expect(verifyToken(token, 'another-secret-000000000000000000000')).rejects.toThrow('invalid token');
    vi.useFakeTimers({ now: Date.now() + 61_000 });
    try {
      await expect(verifyToken(token, SECRET)).rejects.toThrow('token expired');
    } finally {
      vi.useRealTimers();
    }
    expect(await verifyToken(token, SECRET)).toEqual(claims);
  });
});
