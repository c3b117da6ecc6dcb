// The map's background: a deployment's own tile server when configured
// (`TILE_URL` on the server, served to the board in /ui-config.json), else the
// offline basemap built into the bundle — country outlines and town names —
// with its sources' attribution.
import type { Feature } from 'geojson';
import L from 'leaflet';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { GeoJSON, TileLayer, useMap } from 'react-leaflet';
import basemap from 'virtual:tournee-basemap';
import { TownLabels } from './town-labels.ts';

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
  if (tiles) return <TileLayer url={tiles.url} attribution={tiles.attribution} maxZoom={tiles.maxZoom ?? 19} />;
  return (
    <>
      <GeoJSON data={basemap.countries} style={countryStyle} pane="basemap" attribution={t('map.attribution')} />
      <Towns />
    </>
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
