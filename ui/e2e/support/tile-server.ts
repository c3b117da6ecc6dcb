// A tile server for the browser tests: this machine has no internet, so the
// map's streets are served by the test itself — one PNG for every
// /{z}/{x}/{y}.png, counted, and a switch that makes it fail (503) to see the
// board fall back to its offline outline. TILE_URL points the server at it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';

/** A 256×256 tile that looks like a street map: pale ground, white streets with a grey casing, a green park. */
export function tilePng(): Buffer {
  const size = 256;
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3); // filter byte 0, then RGB
    for (let x = 0; x < size; x++) {
      let rgb: [number, number, number] = [242, 239, 233];
      if (x > 150 && x < 230 && y > 20 && y < 110) rgb = [205, 235, 176];
      const street = (v: number, at: number, half: number) => Math.abs(v - at) <= half;
      if (street(y, 128, 6) || street(x, 64, 5) || street(x + y, 300, 4)) rgb = [170, 170, 170];
      if (street(y, 128, 4) || street(x, 64, 3) || street(x + y, 300, 2)) rgb = [255, 255, 255];
      row.set(rgb, 1 + x * 3);
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface TileServer {
  /** The TILE_URL template for the app server. */
  readonly template: string;
  /** Paths asked for so far (/z/x/y.png). */
  readonly requests: string[];
  /** true: every tile answers 503, as a tile server down would. */
  setFailing(failing: boolean): void;
  close(): Promise<void>;
}

export async function startTileServer(): Promise<TileServer> {
  const png = tilePng();
  const requests: string[] = [];
  let failing = false;
  const server = createServer((req, res) => {
    const path = req.url ?? '';
    requests.push(path);
    if (failing || !/^\/\d+\/\d+\/\d+\.png$/.test(path)) {
      res.writeHead(failing ? 503 : 404, { 'content-type': 'text/plain' });
      res.end(failing ? 'down' : 'not a tile');
      return;
    }
    res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
    res.end(png);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    template: `http://127.0.0.1:${port}/{z}/{x}/{y}.png`,
    requests,
    setFailing: (value) => {
      failing = value;
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
