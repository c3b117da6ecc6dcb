// Which street map the board and the technician's app draw (issue 12: "the map
// shows no streets"). By default OpenStreetMap's standard tiles, with the
// attribution their licence requires; `TILE_URL` names a deployment's own tile
// server instead, and `TILE_URL=off` keeps the bundled offline outline only
// (a site with no internet at all). The browser falls back to the offline
// outline by itself, and says so, when the tiles do not load (ui/src/map/Basemap.tsx).
//
// Read once at start-up: /ui-config.json serves it and the Content-Security-Policy
// allows its host (security-headers.ts), so both always agree.

export interface TileSource {
  /** A Leaflet URL template: `{z}`, `{x}`, `{y}`, optionally `{s}` (subdomains a, b, c) and `{r}`. */
  readonly url: string;
  /** HTML shown in the map's corner (Leaflet's attribution control). */
  readonly attribution: string;
  readonly maxZoom: number;
}

export const OPENSTREETMAP_TILES: TileSource = {
  url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
  maxZoom: 19,
};

/** Values of TILE_URL that mean "no tile server: the offline outline only". */
const OFF = new Set(['off', 'none', 'offline', 'false', '0']);

export class TileConfigError extends Error {}

/**
 * The tile source the environment asks for: OpenStreetMap when TILE_URL is unset, null when it is "off".
 * A TILE_URL that is not an http(s) template with {z}, {x} and {y} is refused with the reason, at start-up.
 */
export function tileSourceFromEnv(env: {
  readonly TILE_URL?: string | undefined;
  readonly TILE_ATTRIBUTION?: string | undefined;
  readonly TILE_MAX_ZOOM?: string | undefined;
}): TileSource | null {
  const url = env.TILE_URL?.trim();
  if (!url) return OPENSTREETMAP_TILES;
  if (OFF.has(url.toLowerCase())) return null;
  if (!/^https?:\/\/[^/?#\s]+/i.test(url))
    throw new TileConfigError(`TILE_URL: "${url}" is not an http(s) URL (e.g. https://tiles.example.fr/{z}/{x}/{y}.png, or "off")`);
  const missing = ['{z}', '{x}', '{y}'].filter((p) => !url.includes(p));
  if (missing.length > 0) throw new TileConfigError(`TILE_URL: "${url}" lacks ${missing.join(', ')} (e.g. https://tiles.example.fr/{z}/{x}/{y}.png)`);
  const maxZoomText = env.TILE_MAX_ZOOM?.trim();
  const maxZoom = maxZoomText ? Number(maxZoomText) : 19;
  if (!Number.isInteger(maxZoom) || maxZoom < 1 || maxZoom > 22)
    throw new TileConfigError(`TILE_MAX_ZOOM: "${maxZoomText}" is not a whole number from 1 to 22`);
  return { url, attribution: env.TILE_ATTRIBUTION?.trim() || '', maxZoom };
}
