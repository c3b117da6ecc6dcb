// Reads the caller's token — `Authorization: Bearer`, or the session cookie
// set by login — and attaches its claims as `req.auth`. Routes then require
// it (see registry.ts); routers mounted from other modules can use
// `requireAuth` directly.
import type { Request, RequestHandler } from 'express';
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

export function authenticate(secret: string): RequestHandler {
  return async (req, _res, next) => {
    const token = tokenFrom(req);
    if (token === undefined) {
      if (req.headers.authorization) req.authError = 'the Authorization header must be "Bearer <token>"';
      return next();
    }
    try {
      req.auth = await verifyToken(token, secret);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) return next(error);
      req.authError = `${error.message}: log in again`;
    }
    next();
  };
}

export const requireAuth: RequestHandler = (req, _res, next) => {
  next(req.auth ? undefined : unauthorized(req.authError));
};
