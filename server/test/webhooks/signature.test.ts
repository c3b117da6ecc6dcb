// The Tournee-Signature header and the SSRF address policy.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signatureHeader, verifySignature } from '../../src/webhooks/signature.ts';
import { refusedAddress } from '../../src/webhooks/target.ts';
import { interventionEventOf } from '../../src/webhooks/intervention-events.ts';

describe('Tournee-Signature', () => {
  const secret = 'whsec_test';
  const body = '{"id":"e1","type":"invoice.issued"}';

  it('is t=<unix>,v1=<hex HMAC-SHA256(secret, t.body)>, as a receiver recomputes it', () => {
    const header = signatureHeader(secret, body, 1_800_000_000);
    const expected = createHmac('sha256', secret).update(`1800000000.${body}`).digest('hex');
    expect(header).toBe(`t=1800000000,v1=${expected}`);
    expect(verifySignature(secret, body, header, 1_800_000_100)).toBe(true);
  });

  it('refuses another body, another secret, an old timestamp and garbage', () => {
    const header = signatureHeader(secret, body, 1_800_000_000);
    expect(verifySignature(secret, body + ' ', header, 1_800_000_000)).toBe(false);
    expect(verifySignature('whsec_other', body, header, 1_800_000_000)).toBe(false);
    expect(verifySignature(secret, body, header, 1_800_000_000 + 301)).toBe(false);
    expect(verifySignature(secret, body, 'v1=zz', 1_800_000_000)).toBe(false);
  });

  it('makes a new secret each time', () => {
    expect(newWebhookSecret()).toMatch(/^whsec_[\w-]{43}$/);
    expect(newWebhookSecret()).not.toBe(newWebhookSecret());
  });
});

describe('webhook targets', () => {
  const closed = { allowPrivateNetworks: false };
  const open = { allowPrivateNetworks: true };

  it('always refuses link-local (cloud metadata), unspecified, multicast and reserved addresses', () => {
    for (const address of ['169.254.169.254', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::', 'fe80::1', '::ffff:169.254.169.254']) {
      expect(refusedAddress(address, open), address).toMatch(/link-local, multicast or reserved/);
    }
  });

  it('refuses loopback and private networks unless the deployment allows them', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.9', '192.168.1.20', '100.64.0.1', '::1', 'fd00::1', '::ffff:10.0.0.1']) {
      expect(refusedAddress(address, closed), address).toMatch(/WEBHOOKS_ALLOW_PRIVATE_NETWORKS/);
      expect(refusedAddress(address, open), address).toBeNull();
    }
    expect(refusedAddress('93.184.216.34', closed)).toBeNull();
    expect(refusedAddress('2a00:1450:4007:80e::200e', closed)).toBeNull();
  });
});

describe('intervention events', () => {
  it('names what a status reached means for the ERP', () => {
    expect(interventionEventOf('requested', null)).toBe('intervention.created');
    expect(interventionEventOf('planned', 'requested')).toBe('intervention.planned');
    expect(interventionEventOf('assigned', 'planned')).toBe('intervention.planned');
    expect(interventionEventOf('dispatched', 'assigned')).toBe('intervention.dispatched');
    expect(interventionEventOf('on_site', 'en_route')).toBe('intervention.started');
    expect(interventionEventOf('done', 'on_site')).toBe('intervention.done');
    expect(interventionEventOf('en_route', 'dispatched')).toBeNull();
    expect(interventionEventOf('done', 'done')).toBeNull();
  });
});

describe('webhook settings from the environment', () => {
  it('reads the defaults and refuses nonsense, naming the variable', async () => {
    const { webhookOptionsFromEnv } = await import('../../src/webhooks/delivery.ts');
    expect(webhookOptionsFromEnv({})).toEqual({ attempts: 8, backoffMs: 30_000, timeoutMs: 10_000, allowPrivateNetworks: false, retentionDays: 30 });
    expect(webhookOptionsFromEnv({ WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOKS_ATTEMPTS: '3' })).toMatchObject({
      attempts: 3,
      allowPrivateNetworks: true,
    });
    expect(() => webhookOptionsFromEnv({ WEBHOOKS_TIMEOUT_MS: '-5' })).toThrow(/WEBHOOKS_TIMEOUT_MS must be a positive whole number/);
    expect(() => webhookOptionsFromEnv({ WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'yes' })).toThrow(/WEBHOOKS_ALLOW_PRIVATE_NETWORKS must be true or false/);
  });
});
