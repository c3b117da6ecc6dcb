// Reads the caller's token — `Authorization: Bearer`, or the session cookie
// set by login — and attaches its claims as `req.auth` when its session is
// still valid (its user exists, is active and has the token's version: see
// auth/sessions.ts). Routes then require it (see registry.ts); routers
// mounted from other modules can use `requireAuth` directly.
import type { Request, RequestHandler } from 'express';
import type { Sessions } from '../auth/sessions.ts';
import { InvalidTokenError, verifyToken, type Claims } from '../auth/tokens.ts';
import { SESSION_COOKIE } from '@tournee/contracts/api';
import { unauthorized } from './errors.ts';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set when the request carried a valid token. */
    auth?: Claims;
    /** Why a token that was sent was refused (expired, forged, ...). */
    authError?: string;
  }
}

export function tokenFrom(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1];
  }
  const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
  return cookie || undefined;
}

export function authenticate(secret: string, sessions: Sessions): RequestHandler {
  return async (req, _res, next) => {
    const token = tokenFrom(req);
    if (token === undefined) {
      if (req.headers.authorization) req.authError = 'the Authorization header must be "Bearer <token>"';
      return next();
    }
    let claims: Claims;
    try {
      claims = await verifyToken(token, secret);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) return next(error);
      req.authError = `${error.message}: log in again`;
      return next();
    }
    try {
      const revoked = await sessions.check(claims);
      if (revoked) req.authError = revoked;
      else req.auth = claims;
      next();
    } catch (error) {
      next(error);
    }
  };
}

export const requireAuth: RequestHandler = (req, _res, next) => {
  next(req.auth ? undefined : unauthorized(req.authError));
};
