// The Tournee-Signature header, as Stripe and GitHub sign theirs: the
// receiver recomputes HMAC-SHA256(secret, t + "." + raw body), compares in
// constant time and refuses a `t` older than a few minutes (a replayed capture).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { WEBHOOK_TOLERANCE_SECONDS } from '@tournee/contracts/api';

/** A new subscription's secret: 32 random bytes, prefixed so it is recognisable in a vault. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${hmac(secret, unixSeconds, body)}`;
}

/**
 * What a receiver does (the tests' ERP simulator uses it): true when one of
 * the header's v1 values is the body's signature and `t` is recent enough.
 */
export function verifySignature(secret: string, body: string, header: string, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  const parts = header.split(',').map((p) => p.trim().split('=', 2) as [string, string | undefined]);
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > WEBHOOK_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(hmac(secret, t, body), 'hex');
  return parts.some(([k, v]) => k === 'v1' && v !== undefined && v.length === expected.length * 2 && timingSafeEqual(Buffer.from(v, 'hex'), expected));
}

function hmac(secret: string, t: number, body: string): string {
  return createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
}
