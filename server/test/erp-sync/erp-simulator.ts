// An ERP in the test process: a real HTTP server that receives Tournée's
// webhooks (checking each signature with the subscription's secret) and,
// through the API client it is given, pushes its customers and equipment by
// its own references, as an ERP connector would.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WEBHOOK_SIGNATURE_HEADER, type WebhookEventEnvelope } from '@tournee/contracts/api';
import { verifySignature } from '../../src/webhooks/signature.ts';

export interface ReceivedWebhook {
  readonly envelope: WebhookEventEnvelope;
  readonly rawBody: string;
  readonly signature: string;
  /** Checked against the secret the simulator was given (null: no secret yet). */
  readonly signatureValid: boolean | null;
  /** What the simulator answered. */
  readonly answered: number;
}

export interface ErpSimulator {
  readonly url: string;
  readonly received: ReceivedWebhook[];
  /** The subscription's secret, shown once at its creation. */
  secret: string | null;
  /** Answer this status to the next n deliveries (e.g. 500 twice), then 200 again. */
  failNext(n: number, status?: number): void;
  /** Hold the next deliveries without answering until released (a slow ERP). */
  hang(on: boolean): void;
  /** Resolves when a delivery of this type has been received, at least `count` times. */
  waitFor(type: string, count?: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

export async function startErpSimulator(): Promise<ErpSimulator> {
  const received: ReceivedWebhook[] = [];
  const hanging: ServerResponse[] = [];
  let failures: { left: number; status: number } = { left: 0, status: 500 };
  let hang = false;
  const waiters = new Set<() => void>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const signature = String(req.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()] ?? '');
      if (hang) {
        hanging.push(res);
        return;
      }
      const answered = failures.left > 0 ? failures.status : 200;
      if (failures.left > 0) failures.left--;
      received.push({
        envelope: JSON.parse(rawBody) as WebhookEventEnvelope,
        rawBody,
        signature,
        signatureValid: simulator.secret === null ? null : verifySignature(simulator.secret, rawBody, signature),
        answered,
      });
      res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered === 200 ? 'ok' : 'ERP busy');
      for (const wake of [...waiters]) wake();
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;

  const simulator: ErpSimulator = {
    url: `http://127.0.0.1:${port}/tournee/webhooks`,
    received,
    secret: null,
    failNext(n, status = 500) {
      failures = { left: n, status };
    },
    hang(on) {
      hang = on;
      if (!on) for (const res of hanging.splice(0)) res.writeHead(200).end('late');
    },
    waitFor(type, count = 1, timeoutMs = 30_000) {
      const matching = () => received.filter((r) => r.envelope.type === type);
      return new Promise((resolve, reject) => {
        const check = () => {
          if (matching().length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(matching());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`the ERP received ${matching().length} ${type} webhook(s) of ${count} expected; got ${received.map((r) => r.envelope.type).join(', ')}`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging.splice(0)) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return simulator;
}
