// Signed session tokens (JWT, HS256): the same token authenticates REST calls
// (cookie or Authorization: Bearer) and socket.io handshakes. The claims carry
// what access checks need, so a request needs no user lookup to be scoped.
import { SignJWT, jwtVerify, errors } from 'jose';
import { z } from 'zod';

export const ROLES = ['admin', 'dispatcher', 'technician'] as const;
export type Role = (typeof ROLES)[number];

export interface Claims {
  /** The user's id. */
  readonly sub: string;
  readonly role: Role;
  /** Set for technicians: the technician this account is. */
  readonly technicianId?: string;
  /** The agencies a dispatcher (or a technician) works for; empty for admins. */
  readonly agencyIds: readonly string[];
  /** The user's token version at login (absent in tokens issued before versions: 0); see sessions.ts. */
  readonly tokenVersion?: number;
}

const ClaimsSchema = z.object({
  sub: z.string().min(1),
  role: z.enum(ROLES),
  technicianId: z.string().min(1).optional(),
  agencyIds: z.array(z.string()),
  tokenVersion: z.number().int().nonnegative().optional(),
});

const ISSUER = 'tournee';
export const TOKEN_TTL_SECONDS = 12 * 60 * 60; // a working day and then some

export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

export async function signToken(claims: Claims, secret: string, ttlSeconds: number = TOKEN_TTL_SECONDS): Promise<string> {
  const { sub, ...rest } = ClaimsSchema.parse(claims);
  return new SignJWT(rest)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key(secret));
}

/**
 * Tokens already verified, with their claims and expiry: checking a token's
 * signature is a pure function of the token and the secret, and at a few
 * hundred requests per second the HMAC (through WebCrypto) was the largest
 * single cost of a cached list read (issue 11, finding 10). A kept token is
 * answered only before its expiry; after it, or for any other token, the full
 * verification runs. Revocation is not the signature's business: every
 * request still checks the session (sessions.ts).
 */
const verified = new Map<string, { readonly secret: string; readonly claims: Claims; readonly exp: number }>();
/** Past this many kept tokens the map starts over (a bound, not a tuning knob). */
const MAX_VERIFIED_TOKENS = 10_000;

/** The token's claims; throws InvalidTokenError when forged, expired or malformed. */
export async function verifyToken(token: string, secret: string): Promise<Claims> {
  const kept = verified.get(token);
  // jose's rule: expired once exp <= now, in whole seconds.
  if (kept && kept.secret === secret && kept.exp > Math.floor(Date.now() / 1000)) return kept.claims;
  return verifySignedToken(token, secret);
}

async function verifySignedToken(token: string, secret: string): Promise<Claims> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, algorithms: ['HS256'] });
    const parsed = ClaimsSchema.safeParse(payload);
    if (!parsed.success) throw new InvalidTokenError('token claims are malformed');
    const { technicianId, tokenVersion, ...claims } = parsed.data;
    const result: Claims = { ...claims, ...(technicianId === undefined ? {} : { technicianId }), ...(tokenVersion === undefined ? {} : { tokenVersion }) };
    if (typeof payload.exp === 'number') {
      if (verified.size >= MAX_VERIFIED_TOKENS) verified.clear();
      verified.set(token, { secret, claims: result, exp: payload.exp });
    }
    return result;
  } catch (error) {
    if (error instanceof InvalidTokenError) throw error;
    if (error instanceof errors.JWTExpired) throw new InvalidTokenError('token expired');
    throw new InvalidTokenError('invalid token');
  }
}

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}
