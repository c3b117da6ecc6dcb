// Idempotency-Key on writes (POST, PUT, PATCH, DELETE), as Stripe's: an ERP
// that retries after a timeout sends the same key, and gets the first
// answer again instead of a second invoice or intervention. Keys are per
// user, kept 24 h, in the database, so every server process answers alike:
//
// - first use: the key is claimed (its primary key makes one of two
//   concurrent requests the owner), the request runs, the answer (status and
//   body, errors included but 5xx) is stored before it is sent;
// - same key, same method, path and body: the stored answer, with
//   `Idempotent-Replayed: true`; while the first is still running: 409;
// - same key, another request: 422 naming the header.
//
// A 5xx or an interrupted request frees the key: the retry runs again.
import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { HttpError } from '../http/errors.ts';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** Expired keys are deleted at most this often per process. */
const SWEEP_EVERY_MS = 10 * 60 * 1000;

export interface IdempotencyOptions {
  readonly ttlMs?: number;
  readonly log?: (message: string, error?: unknown) => void;
}

export function idempotency(prisma: PrismaClient, options: IdempotencyOptions = {}): RequestHandler {
  const ttlMs = options.ttlMs ?? IDEMPOTENCY_TTL_MS;
  const log = options.log ?? (() => {});
  let lastSweep = 0;

  return async (req: Request, res: Response, next: NextFunction) => {
    const key = req.get(IDEMPOTENCY_HEADER);
    // Without a key, or before login (the route answers 401), nothing to do.
    if (key === undefined || !WRITES.has(req.method) || !req.auth) return next();
    try {
      if (!KEY_PATTERN.test(key)) {
        throw new HttpError(400, `invalid ${IDEMPOTENCY_HEADER} header`, [
          { path: IDEMPOTENCY_HEADER, message: 'from 1 to 255 visible ASCII characters (a UUID is a good key)' },
        ]);
      }
      const userId = req.auth.sub;
      const path = req.originalUrl;
      const requestHash = createHash('sha256')
        .update(`${req.method} ${path}\n${stableJson(req.body ?? null)}`)
        .digest('hex');
      const now = new Date();
      if (now.getTime() - lastSweep > SWEEP_EVERY_MS) {
        lastSweep = now.getTime();
        void prisma.idempotencyKey.deleteMany({ where: { expiresAt: { lt: now } } }).catch((e: unknown) => log('idempotency keys not swept', e));
      }
      // An expired key is free again.
      await prisma.idempotencyKey.deleteMany({ where: { userId, key, expiresAt: { lt: now } } });
      const claimed = await prisma.$executeRaw`
        INSERT INTO idempotency_keys (user_id, key, method, path, request_hash, expires_at)
        VALUES (${userId}, ${key}, ${req.method}, ${path}, ${requestHash}, ${new Date(now.getTime() + ttlMs)})
        ON CONFLICT (user_id, key) DO NOTHING`;
      if (claimed === 0) return await answerFromStored(prisma, res, userId, key, requestHash);
      keepAnswer(prisma, res, userId, key, log);
      next();
    } catch (error) {
      next(error);
    }
  };
}

async function answerFromStored(prisma: PrismaClient, res: Response, userId: string, key: string, requestHash: string): Promise<void> {
  const stored = await prisma.idempotencyKey.findUnique({ where: { userId_key: { userId, key } } });
  if (!stored)
    throw new HttpError(409, `a request with this ${IDEMPOTENCY_HEADER} just ended: send it again`, [{ path: IDEMPOTENCY_HEADER, message: 'retry' }]);
  if (stored.requestHash !== requestHash) {
    throw new HttpError(422, `this ${IDEMPOTENCY_HEADER} was used for another request (${stored.method} ${stored.path} or another body): use a new key`, [
      { path: IDEMPOTENCY_HEADER, message: 'already used for a different request' },
    ]);
  }
  if (stored.status === null) {
    throw new HttpError(
      409,
      `the first request with this ${IDEMPOTENCY_HEADER} is still being answered: retry in a moment`,
      [{ path: IDEMPOTENCY_HEADER, message: 'in progress' }],
      {},
      { 'Retry-After': '1' },
    );
  }
  res.setHeader('Idempotent-Replayed', 'true');
  if (stored.response === null) res.status(stored.status).end();
  else res.status(stored.status).json(stored.response);
}

/** Stores the answer before it leaves (a replay can never see the key answered but not stored). */
function keepAnswer(prisma: PrismaClient, res: Response, userId: string, key: string, log: (message: string, error?: unknown) => void): void {
  const where = { userId_key: { userId, key } };
  let settled = false;
  const json = res.json.bind(res);
  const end = res.end.bind(res);
  const status = res.status.bind(res);
  // Until the answer is stored, what the route does after res.json (the registry's 204 for a handler that
  // answered itself) must not overtake it: status() and end() wait with it.
  const restore = () => {
    res.json = json;
    res.end = end;
    res.status = status;
  };
  res.json = (body: unknown) => {
    settled = true;
    res.end = (() => res) as typeof res.end;
    res.status = (() => res) as typeof res.status;
    const code = res.statusCode;
    const write =
      code >= 500
        ? prisma.idempotencyKey.delete({ where })
        : prisma.idempotencyKey.update({
            where,
            data: { status: code, response: body === undefined ? undefined : (JSON.parse(JSON.stringify(body)) as object) },
          });
    void write.then(
      () => (restore(), json(body)),
      (error: unknown) => {
        log(`idempotency key ${key}: answer not stored`, error);
        restore();
        json(body);
      },
    );
    return res;
  };
  // Answers without a JSON body (204) are stored when sent; an interrupted request frees its key.
  res.on('close', () => {
    if (settled) return;
    const done = res.writableFinished && res.statusCode < 500;
    const write = done ? prisma.idempotencyKey.update({ where, data: { status: res.statusCode } }) : prisma.idempotencyKey.delete({ where });
    void write.catch((error: unknown) => log(`idempotency key ${key}: not settled`, error));
  });
}

/** JSON with object keys sorted: the same body in another key order is the same request. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
