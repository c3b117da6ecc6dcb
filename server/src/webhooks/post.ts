// One delivery attempt: POST the signed body, bounded in time, never
// following redirects, reading at most a little of the answer. Never throws:
// the outcome says what happened, for the delivery log.
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { WEBHOOK_SIGNATURE_HEADER } from '@tournee/contracts/api';
import { signatureHeader } from './signature.ts';
import { guardedLookup, refusedAddress, type TargetPolicy } from './target.ts';

export interface PostOutcome {
  readonly ok: boolean;
  /** The HTTP status, or null when no answer came (refused target, timeout, connection error). */
  readonly status: number | null;
  readonly durationMs: number;
  readonly error: string | null;
}

export interface PostOptions extends TargetPolicy {
  readonly timeoutMs: number;
  readonly eventId: string;
  readonly eventType: string;
}

const MAX_ANSWER_BYTES = 64 * 1024;

export function postWebhook(url: string, secret: string, body: string, options: PostOptions): Promise<PostOutcome> {
  const started = performance.now();
  const done = (status: number | null, error: string | null): PostOutcome => ({
    ok: status !== null && status >= 200 && status < 300,
    status,
    durationMs: Math.round(performance.now() - started),
    error: error ?? (status !== null && (status < 200 || status >= 300) ? `answered ${status}` : null),
  });
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve(done(null, 'invalid URL'));
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return resolve(done(null, 'only http and https URLs are called'));
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(
      target,
      {
        method: 'POST',
        lookup: guardedLookup(options),
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Tournee-Webhooks/1',
          [WEBHOOK_SIGNATURE_HEADER]: signatureHeader(secret, body, Math.floor(Date.now() / 1000)),
          'Tournee-Event-Id': options.eventId,
          'Tournee-Event-Type': options.eventType,
        },
        timeout: options.timeoutMs,
      },
      (response) => {
        let read = 0;
        // The answer is not used: read a little, then let go (a huge or endless body costs nothing).
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) response.destroy();
        });
        const finish = () => resolve(done(response.statusCode ?? null, null));
        response.on('end', finish);
        response.on('close', finish);
        response.on('error', finish);
      },
    );
    // The whole exchange is bounded, not only each socket pause.
    const deadline = setTimeout(() => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    request.on('timeout', () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    request.on('error', (error) => resolve(done(null, error.message)));
    request.on('close', () => clearTimeout(deadline));
    // A literal IP in the URL skips the lookup: check it here as well.
    const literal = target.hostname.replace(/^\[|\]$/g, '');
    const refused = isIP(literal) ? refusedAddress(literal, options) : null;
    if (refused) {
      resolve(done(null, `refused target: ${refused}`));
      request.destroy();
      return;
    }
    request.end(body);
  });
}
