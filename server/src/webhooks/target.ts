// Where a webhook may be sent (SSRF): http or https only, no credentials in
// the URL, redirects never followed, and the address the name resolves to is
// checked at connection time (the socket's own DNS lookup, so a name cannot
// resolve to an allowed address when checked and a forbidden one when used).
//
// Always refused: unspecified, link-local (169.254/16 and fe80::/10, where
// cloud metadata services answer), multicast and reserved ranges. Loopback
// and private networks (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7)
// are refused too unless the deployment allows them
// (WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true): an on-premises ERP (Sage, EBP on a
// company server) lives there, a cloud-hosted Tournée should not reach it.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

const ALWAYS_BLOCKED = new BlockList();
ALWAYS_BLOCKED.addSubnet('0.0.0.0', 8, 'ipv4');
ALWAYS_BLOCKED.addSubnet('169.254.0.0', 16, 'ipv4');
ALWAYS_BLOCKED.addSubnet('224.0.0.0', 4, 'ipv4');
ALWAYS_BLOCKED.addSubnet('240.0.0.0', 4, 'ipv4');
ALWAYS_BLOCKED.addAddress('::', 'ipv6');
ALWAYS_BLOCKED.addSubnet('fe80::', 10, 'ipv6');
ALWAYS_BLOCKED.addSubnet('ff00::', 8, 'ipv6');

const PRIVATE = new BlockList();
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');

export interface TargetPolicy {
  /** Loopback and private networks allowed (an on-premises ERP). */
  readonly allowPrivateNetworks: boolean;
}

/** Why this address may not receive webhooks, or null when it may. */
export function refusedAddress(address: string, policy: TargetPolicy): string | null {
  // An IPv4-mapped IPv6 address is judged as the IPv4 one.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  if (ALWAYS_BLOCKED.check(ip, family)) return `${address} is a link-local, multicast or reserved address`;
  if (!policy.allowPrivateNetworks && PRIVATE.check(ip, family)) {
    return `${address} is a loopback or private address (set WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true for an ERP on the company network)`;
  }
  return null;
}

/** A DNS lookup for http.request that fails the connection when the name resolves to a refused address. */
export function guardedLookup(policy: TargetPolicy) {
  return (hostname: string, options: LookupOptions, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as LookupAddress[];
      const refused = list.map((a) => refusedAddress(a.address, policy)).find((r) => r !== null);
      if (refused) return callback(new Error(`refused target: ${refused}`), []);
      if (options.all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(new Error(`${hostname} has no address`), []);
      callback(null, first.address, first.family);
    });
  };
}
