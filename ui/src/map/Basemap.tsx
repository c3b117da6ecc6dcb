// The map's background. Street tiles first — OpenStreetMap's unless the server's
// TILE_URL names another (served to the UI in /ui-config.json) — drawn over the
// bundled country outline, so the map is never blank while they load. When the
// tiles do not come (no internet, tile server down: tile-health.ts decides) the
// basemap falls back to the offline outline with town names, and a notice on
// the map says so, with a way to try the tiles again. With no tile server at all
// (TILE_URL=off) the offline outline is simply the map.
import type { Feature } from 'geojson';
import L from 'leaflet';
import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { GeoJSON, TileLayer, useMap } from 'react-leaflet';
import basemap from 'virtual:tournee-basemap';
import { FIRST_TILE_TIMEOUT_MS, TileHealth } from './tile-health.ts';
import { TownLabels } from './town-labels.ts';
import './map.css';

export interface TileConfig {
  readonly url: string;
  readonly attribution: string;
  readonly maxZoom?: number;
}

const countryStyle = (feature?: Feature): L.PathOptions => {
  const focus = Boolean((feature?.properties as { focus?: boolean } | null)?.focus);
  return {
    fillColor: focus ? '#f7f5f0' : '#e7e4dc',
    fillOpacity: 1,
    color: focus ? '#a39d8f' : '#bdb7aa',
    weight: focus ? 1.4 : 0.8,
    interactive: false,
  };
};

export function Basemap({ tiles }: { tiles: TileConfig | null }) {
  const { t } = useTranslation();
  // Bumped by "try again": a new tile layer, judged afresh.
  const [attempt, setAttempt] = useState(0);
  const [failedAttempt, setFailedAttempt] = useState<number | null>(null);
  const offline = !tiles || failedAttempt === attempt;
  return (
    <>
      {/* Keyed: Leaflet reads a layer's attribution when it is added, so the offline sources' credit comes and goes with the layer. */}
      <GeoJSON
        key={offline ? 'offline' : 'under-tiles'}
        data={basemap.countries}
        style={countryStyle}
        pane="basemap"
        attribution={offline ? t('map.attribution') : undefined}
      />
      {tiles && !offline && <StreetTiles key={attempt} tiles={tiles} onFailing={() => setFailedAttempt(attempt)} />}
      {offline && <Towns />}
      {tiles && offline && <OfflineNotice onRetry={() => setAttempt((a) => a + 1)} />}
    </>
  );
}

function StreetTiles({ tiles, onFailing }: { tiles: TileConfig; onFailing: () => void }) {
  const health = useMemo(() => new TileHealth(), []);
  const failing = useRef(onFailing);
  failing.current = onFailing;
  useEffect(() => {
    const timer = setTimeout(() => {
      if (health.timeout() === 'failing') failing.current();
    }, FIRST_TILE_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [health]);
  return (
    <TileLayer
      url={tiles.url}
      attribution={tiles.attribution}
      maxZoom={tiles.maxZoom ?? 19}
      // Light grey behind tiles not there yet, instead of Leaflet's default transparent holes.
      className="street-tiles"
      eventHandlers={{
        tileload: () => void health.load(),
        tileerror: () => {
          if (health.error() === 'failing') failing.current();
        },
      }}
    />
  );
}

/** On the map itself (a portal into Leaflet's container), above the attribution: what the dispatcher sees and why. */
function OfflineNotice({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  const map = useMap();
  const [box] = useState(() => {
    const div = L.DomUtil.create('div', 'basemap-notice');
    // Clicks and scrolls on the notice are the notice's, not a pan or zoom of the map.
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  });
  useEffect(() => {
    map.getContainer().appendChild(box);
    return () => box.remove();
  }, [map, box]);
  return createPortal(
    <div role="status" data-testid="basemap-offline">
      <span>{t('map.tilesFailed')}</span>{' '}
      <button type="button" className="link-button" onClick={onRetry}>
        {t('map.tilesRetry')}
      </button>
    </div>,
    box,
  );
}

function Towns() {
  const map = useMap();
  useEffect(() => {
    const layer = new TownLabels(basemap.towns);
    layer.addTo(map);
    return () => {
      layer.remove();
    };
  }, [map]);
  return null;
}

/** The pane under every overlay, created before the basemap's layers use it. */
export function ensureBasemapPane(map: L.Map): void {
  if (!map.getPane('basemap')) {
    const pane = map.createPane('basemap');
    pane.style.zIndex = '150';
  }
}
