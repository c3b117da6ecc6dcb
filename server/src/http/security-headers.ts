// Security headers on every answer (issue 11, "Deployment"), set by helmet:
// nosniff, no framing by other sites, only the origin as referrer to other
// origins (tile servers want one), and a
// Content-Security-Policy that the built UI satisfies as it is:
// - scripts and styles only from this origin (Vite emits files, no inline
//   scripts); style attributes allowed, since React and Leaflet position
//   elements with them;
// - images from this origin, data: and blob: (the bundled basemap, markers,
//   the technician's photos before upload) and the tile server the map uses
//   (map-tiles.ts: OpenStreetMap's unless TILE_URL names another or is "off");
// - connections (REST, socket.io's websocket) to this origin only; the
//   technician app's service worker and manifest from this origin.
// `upgrade-insecure-requests` is left out: a deployment on plain HTTP inside
// a company network would see every request rewritten to HTTPS and fail.
// HSTS is sent only when the request came over HTTPS (helmet's default would
// also send it over HTTP, where browsers ignore it anyway).
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { tileSourceFromEnv } from './map-tiles.ts';

/** `https://{s}.tile.example.org/{z}/{x}/{y}.png` → `https://*.tile.example.org`; null when not an http(s) URL. */
export function tileOrigin(tileUrl: string | undefined): string | null {
  const url = tileUrl?.trim();
  if (!url) return null;
  const match = /^(https?):\/\/([^/?#]+)/i.exec(url);
  if (!match) return null;
  const host = match[2]!.replace(/\{s\}/g, '*').replace(/\{[^}]*\}/g, '*');
  return `${match[1]!.toLowerCase()}://${host}`;
}

/** `tileUrl`: TILE_URL as the environment gives it (unset: OpenStreetMap's tiles; "off": none). */
export function securityHeaders({ tileUrl }: { tileUrl?: string | undefined } = {}): RequestHandler {
  const tiles = tileOrigin(tileSourceFromEnv({ TILE_URL: tileUrl })?.url);
  const withHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...(tiles ? [tiles] : [])],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
      },
    },
    strictTransportSecurity: false,
    // The origin only, to other origins: tile servers (OpenStreetMap's among them) refuse requests without a Referer.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // The board and the app load nothing from other origins but tiles, which do not send CORP headers.
    crossOriginEmbedderPolicy: false,
  });
  const hsts = helmet.strictTransportSecurity({ maxAge: 180 * 24 * 3600 });
  return (req, res, next) => {
    withHeaders(req, res, (error?: unknown) => {
      if (error || !req.secure) return next(error);
      hsts(req, res, next);
    });
  };
}
