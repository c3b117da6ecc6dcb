// POST /api/auth/login → {token, user} plus an httpOnly session cookie;
// POST /api/auth/logout; GET /api/auth/me.
import type { CookieOptions } from 'express';
import { currentUser, login } from '../../auth/login.ts';
import { loginRateLimiters } from '../../auth/rate-limit.ts';
import { TOKEN_TTL_SECONDS } from '../../auth/tokens.ts';
import { LoginInput, LoginResponse, SESSION_COOKIE, SessionUser } from '@tournee/contracts/api';
import type { AppDeps } from '../deps.ts';
import { HttpError, unauthorized } from '../errors.ts';
import type { ApiRegistry } from '../registry.ts';

const TAG = 'Auth';

export function authRoutes(api: ApiRegistry, { prisma, config, loginRateLimit, loginCounters }: AppDeps): void {
  // The cookie serves the browser UI; `lax` keeps it off cross-site POSTs
  // (no CSRF through it) while links into the app still carry the session.
  const cookie = (secure: boolean): CookieOptions => ({ httpOnly: true, sameSite: 'lax', secure, path: '/' });

  api.router.post('/api/auth/login', ...loginRateLimiters(loginRateLimit, loginCounters));
  api.publicRoute(
    {
      method: 'post',
      path: '/api/auth/login',
      summary: 'Log in with email and password',
      tag: TAG,
      body: LoginInput,
      response: LoginResponse,
      errors: [401, 429],
      description: 'Answers the token and sets the httpOnly session cookie. Failed attempts are limited per address and email (429 with Retry-After).',
    },
    async ({ req, res, body }) => {
      const session = await login(prisma, config.authSecret, body.email, body.password);
      if (!session) throw new HttpError(401, 'wrong email or password', [{ path: 'password', in: 'body', message: 'wrong email or password' }]);
      res.cookie(SESSION_COOKIE, session.token, { ...cookie(req.secure), maxAge: TOKEN_TTL_SECONDS * 1000 });
      return session;
    },
  );

  api.publicRoute({ method: 'post', path: '/api/auth/logout', summary: 'Log out (clears the session cookie)', tag: TAG }, ({ req, res }) => {
    res.clearCookie(SESSION_COOKIE, cookie(req.secure));
    return undefined;
  });

  api.route({ method: 'get', path: '/api/auth/me', summary: 'The logged-in user', tag: TAG, response: SessionUser }, async ({ auth }) => {
    const user = await currentUser(prisma, auth.sub);
    if (!user) throw unauthorized('this account no longer exists or is disabled');
    return user;
  });
}
