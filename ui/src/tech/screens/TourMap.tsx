// The day's visits on a map, numbered in the tour's order: the basemap is
// the board's (street tiles, falling back to the bundled offline outline when
// they do not load), so the map works in a cellar too.
import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleMarker, MapContainer, Marker, Polyline, Tooltip, useMap } from 'react-leaflet';
import { Basemap, ensureBasemapPane, type TileConfig } from '../../map/Basemap.tsx';
import { KeepSize } from '../../map/KeepSize.tsx';
import { useTech, useTechController } from '../context.tsx';
import { formatTime } from '../format.ts';
import { useT } from '../i18n/index.ts';
import { dayVisits, localStatus } from '../sync/local-view.ts';
import { DayPicker } from './DayPicker.tsx';

const PROVENCE: L.LatLngTuple = [43.53, 5.45];
const DONE = new Set(['done', 'closed', 'cancelled']);

export function TourMap({ tiles }: { tiles: TileConfig | null }) {
  const t = useT();
  const { i18n } = useTranslation();
  const controller = useTechController();
  const portfolio = useTech((s) => s.portfolio);
  const queue = useTech((s) => s.queue);
  const day = useTech((s) => s.day);
  const points = useMemo(() => {
    if (!portfolio) return [];
    return dayVisits(portfolio, day ?? portfolio.today)
      .filter(({ visit }) => visit.site.lat !== null && visit.site.lon !== null)
      .map(({ stop, visit }, index) => ({ index, stop, visit, at: [visit.site.lat!, visit.site.lon!] as L.LatLngTuple }));
  }, [portfolio, day]);
  if (!portfolio) return <p className="empty">{t('tour.noPortfolio')}</p>;
  const home = portfolio.technician.home;
  const tz = portfolio.technician.timezone;
  return (
    <section className="tour-map" aria-label={t('map.title')}>
      <DayPicker />
      <MapContainer center={points[0]?.at ?? PROVENCE} zoom={10} minZoom={5} maxZoom={18} className="tech-map" preferCanvas>
        <Panes />
        <Basemap tiles={tiles} />
        {points.length > 1 && <Polyline positions={points.map((p) => p.at)} pathOptions={{ color: '#2450b2', weight: 3, opacity: 0.7 }} />}
        {home && (
          <CircleMarker center={[home.lat, home.lon]} radius={6} pathOptions={{ color: '#555', fillColor: '#fff', fillOpacity: 1 }}>
            <Tooltip>{t('map.home')}</Tooltip>
          </CircleMarker>
        )}
        {points.map(({ index, stop, visit, at }) => {
          const status = localStatus(visit, queue);
          const eta = stop.plannedArrival ?? stop.plannedStart;
          const tone = DONE.has(status) ? 'done' : visit.priority >= 80 ? 'urgent' : 'todo';
          return (
            <Marker key={visit.id} position={at} icon={pin(index + 1, tone)} eventHandlers={{ click: () => controller.open(visit.id) }}>
              <Tooltip direction="top" offset={[0, -14]}>
                {visit.customer.name} — {visit.site.city}
                {eta ? ` · ${formatTime(eta, tz, i18n.language)}` : ''}
              </Tooltip>
            </Marker>
          );
        })}
        <FitStops points={points.map((p) => p.at)} home={home ? [home.lat, home.lon] : null} maxZoom={tiles ? 14 : OFFLINE_MAX_FIT_ZOOM} />
        <KeepSize />
      </MapContainer>
      {points.length === 0 && <p className="muted small">{t('map.noPlace')}</p>}
    </section>
  );
}

/** A numbered pin (a few DOM markers: a day has a handful of visits). */
function pin(n: number, tone: 'done' | 'urgent' | 'todo'): L.DivIcon {
  return L.divIcon({ html: `<span>${n}</span>`, className: `stop-pin pin-${tone}`, iconSize: [28, 28], iconAnchor: [14, 14] });
}

function Panes() {
  ensureBasemapPane(useMap());
  return null;
}

/** Without street tiles, closer than this shows an empty outline: the towns around give the stops their place. */
const OFFLINE_MAX_FIT_ZOOM = 11;

function FitStops({ points, home, maxZoom }: { points: L.LatLngTuple[]; home: L.LatLngTuple | null; maxZoom: number }) {
  const map = useMap();
  const key = points.map((p) => p.join(',')).join(';');
  useEffect(() => {
    // No located visit: the technician's own area rather than a default view of the region.
    if (points.length === 0) {
      if (home) map.setView(home, Math.min(11, maxZoom));
      return;
    }
    if (points.length === 1) map.setView(points[0]!, Math.min(13, maxZoom));
    else map.fitBounds(L.latLngBounds(points), { padding: [30, 30], maxZoom });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, key]);
  return null;
}
