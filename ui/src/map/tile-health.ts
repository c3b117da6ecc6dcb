// Whether the street tiles are reaching the browser. The server names a tile
// server (OpenStreetMap's by default), but the browser may still not reach it:
// a site without internet, a proxy, a tile server down. Then the map must not
// stay beige and empty: the basemap falls back to the bundled offline outline
// and says so (Basemap.tsx). Pure, so the rule is tested on its own.

/** Failed tiles, with none loaded, that mean "the tile server is not answering". */
export const FAILURES_BEFORE_FALLBACK = 3;
/** A tile server that takes this long without delivering one tile is as good as down (a hung connection sends no error). */
export const FIRST_TILE_TIMEOUT_MS = 12_000;

export type TileVerdict = 'waiting' | 'working' | 'failing';

export class TileHealth {
  private loaded = 0;
  private failed = 0;

  /** A tile arrived: the server works, later errors (a tile missing at sea, say) do not make it fail. */
  load(): TileVerdict {
    this.loaded++;
    return this.verdict();
  }

  error(): TileVerdict {
    this.failed++;
    return this.verdict();
  }

  /** The first-tile timer ran out. */
  timeout(): TileVerdict {
    if (this.loaded === 0) this.failed = Math.max(this.failed, FAILURES_BEFORE_FALLBACK);
    return this.verdict();
  }

  verdict(): TileVerdict {
    if (this.loaded > 0) return 'working';
    return this.failed >= FAILURES_BEFORE_FALLBACK ? 'failing' : 'waiting';
  }
}
