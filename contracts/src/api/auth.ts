// Login, session and the caller's identity.
import { z } from 'zod';
import { Id } from './common.ts';
import { UserRole } from './workforce.ts';

export const LoginInput = z.object({
  email: z.string().trim().toLowerCase().min(1, 'required').max(254),
  password: z.string().min(1, 'required').max(200),
});
export const SessionUser = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  role: UserRole,
  technicianId: Id.nullable(),
  /** The agencies the user works for; empty for admins, who see all. */
  agencyIds: z.array(Id),
});
export const LoginResponse = z.object({
  /** Send as `Authorization: Bearer <token>`, or in the socket.io handshake `auth: {token}`. */
  token: z.string(),
  user: SessionUser,
});
/** The name of the httpOnly session cookie set by login. */
export const SESSION_COOKIE = 'tournee_session';

export type LoginInput = z.infer<typeof LoginInput>;
export type SessionUser = z.infer<typeof SessionUser>;
export type LoginResponse = z.infer<typeof LoginResponse>;
