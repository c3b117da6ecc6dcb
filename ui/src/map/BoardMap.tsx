// The live map: basemap, sectors, agencies, tours, interventions and moving
// technicians. Vector layers use Leaflet's canvas renderer (preferCanvas);
// markers are drawn by the two canvas layers, not as DOM elements.
import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleMarker, GeoJSON, MapContainer, Polyline, Tooltip, useMap } from 'react-leaflet';
import type { InterventionView, Sector, Technician, TourView } from '../api/types.ts';
import { activityOf, AGENCY_MARKER, isUrgent, technicianColor } from '../board/colors.ts';
import { ProposedTours } from '../optimize/ProposedTours.tsx';
import { useBoard, useController } from '../state/context.tsx';
import { exposeDebug } from '../state/debug.ts';
import { Basemap, ensureBasemapPane, type TileConfig } from './Basemap.tsx';
import { routeHits } from './hit-router.ts';
import { KeepSize } from './KeepSize.tsx';
import { SectorHits } from './sector-hits.ts';
import { type InterventionPoint, InterventionLayer } from './intervention-layer.ts';
import { type TechnicianMeta, TechnicianLayer } from './technician-layer.ts';

const PROVENCE: L.LatLngTuple = [43.53, 5.45];

export function BoardMap({ tiles }: { tiles: TileConfig | null }) {
  const { t } = useTranslation();
  return (
    <section className="map-area" aria-label={t('map.region')}>
      <MapContainer center={PROVENCE} zoom={9} minZoom={5} maxZoom={18} preferCanvas className="board-map" zoomControl keyboard attributionControl>
        <Panes />
        <Basemap tiles={tiles} />
        <Sectors />
        <Tours />
        <ProposedTours />
        <Agencies />
        <CanvasLayers />
        <FollowAgency />
        <KeepSize />
      </MapContainer>
    </section>
  );
}

function Panes() {
  const map = useMap();
  ensureBasemapPane(map);
  return null;
}

function FollowAgency() {
  const map = useMap();
  const agencyId = useBoard((s) => s.agencyId);
  const agencies = useBoard((s) => s.agencies);
  const selectedTechnicianId = useBoard((s) => s.selectedTechnicianId);
  const controller = useController();
  useEffect(() => {
    const agency = agencies.find((a) => a.id === agencyId);
    if (agency?.lat != null && agency.lon != null) map.setView([agency.lat, agency.lon], 10, { animate: false });
  }, [agencyId, agencies, map]);
  useEffect(() => {
    // Selecting a technician in a list brings them into view (keyboard users have no other way to find the dot).
    if (!selectedTechnicianId) return;
    const track = controller.positions.get(selectedTechnicianId);
    if (track && !map.getBounds().contains([track.toLat, track.toLon])) map.panTo([track.toLat, track.toLon]);
  }, [selectedTechnicianId, controller, map]);
  return null;
}

function Sectors() {
  const visible = useBoard((s) => s.layers.sectors);
  const sectors = useBoard((s) => s.sectors);
  if (!visible) return null;
  return (
    <>
      {sectors.map((sector) => (
        <SectorShape key={sector.id} sector={sector} />
      ))}
    </>
  );
}

function SectorShape({ sector }: { sector: Sector }) {
  const color = sector.color ?? '#5c6bc0';
  return (
    <GeoJSON
      data={{ type: 'Feature', properties: {}, geometry: sector.polygon } as GeoJSON.Feature}
      style={{ color, weight: 1.5, dashArray: '6 4', fillColor: color, fillOpacity: 0.07, interactive: false }}
      interactive={false}
    />
  );
}

function Agencies() {
  const { t } = useTranslation();
  const visible = useBoard((s) => s.layers.agencies);
  const agencies = useBoard((s) => s.agencies);
  if (!visible) return null;
  return (
    <>
      {agencies
        .filter((a) => a.lat != null && a.lon != null)
        .map((a) => (
          <CircleMarker
            key={a.id}
            center={[a.lat!, a.lon!]}
            radius={9}
            pathOptions={{ color: AGENCY_MARKER.ring, weight: 3, fillColor: AGENCY_MARKER.fill, fillOpacity: 1 }}
          >
            <Tooltip direction="top" offset={[0, -8]}>
              {t('map.agency', { name: a.name })}
            </Tooltip>
          </CircleMarker>
        ))}
    </>
  );
}

function Tours() {
  const visible = useBoard((s) => s.layers.tours);
  const plan = useBoard((s) => s.plan);
  const technicians = useBoard((s) => s.technicians);
  const selected = useBoard((s) => s.selectedTechnicianId);
  const byId = useMemo(() => new Map(technicians.map((t) => [t.id, t])), [technicians]);
  if (!visible || !plan) return null;
  return (
    <>
      {Object.values(plan.tours).map((tour) => (
        <TourLine
          key={tour.id}
          tour={tour}
          technician={byId.get(tour.technicianId)}
          dimmed={selected !== null && selected !== tour.technicianId}
          emphasised={selected === tour.technicianId}
        />
      ))}
    </>
  );
}

function TourLine({ tour, technician, dimmed, emphasised }: { tour: TourView; technician: Technician | undefined; dimmed: boolean; emphasised: boolean }) {
  const points = useMemo(() => {
    const out: L.LatLngTuple[] = [];
    if (technician?.homeLat != null && technician.homeLon != null) out.push([technician.homeLat, technician.homeLon]);
    for (const stop of tour.stops) if (stop.lat != null && stop.lon != null) out.push([stop.lat, stop.lon]);
    if (technician?.homeLat != null && technician.homeLon != null && out.length > 1) out.push([technician.homeLat, technician.homeLon]);
    return out;
  }, [tour, technician]);
  if (points.length < 2) return null;
  return (
    <Polyline
      positions={points}
      interactive={false}
      pathOptions={{ color: technicianColor(technician), weight: emphasised ? 5 : 3, opacity: dimmed ? 0.25 : 0.85, lineJoin: 'round' }}
    />
  );
}

function CanvasLayers() {
  const { t } = useTranslation();
  const map = useMap();
  const controller = useController();
  const layers = useBoard((s) => s.layers);
  const plan = useBoard((s) => s.plan);
  const technicians = useBoard((s) => s.technicians);
  const selectedTechnicianId = useBoard((s) => s.selectedTechnicianId);
  const selectedInterventionId = useBoard((s) => s.selectedInterventionId);
  const sectors = useBoard((s) => s.sectors);
  const techLayer = useRef<TechnicianLayer | null>(null);
  const visitLayer = useRef<InterventionLayer | null>(null);
  const sectorHits = useRef<SectorHits | null>(null);

  useEffect(() => {
    const visits = new InterventionLayer((id) => controller.select({ interventionId: id }));
    const techs = new TechnicianLayer(controller.positions, (id) => controller.select({ technicianId: id }));
    visitLayer.current = visits;
    techLayer.current = techs;
    const zones = new SectorHits(map, (sector) => t('map.sector', { name: sector.name }));
    sectorHits.current = zones;
    const stop = routeHits(map, () => [techs, visits, zones]);
    // The e2e tests and the benchmark project positions to the screen through this handle (opt-in, see state/debug.ts).
    exposeDebug('__tourneeMap', map);
    return () => {
      stop();
      visits.remove();
      techs.remove();
    };
  }, [map, controller]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    sectorHits.current?.set(sectors, layers.sectors);
  }, [sectors, layers.sectors]);

  useEffect(() => {
    const visits = visitLayer.current;
    const techs = techLayer.current;
    if (!visits || !techs) return;
    if (layers.interventions) visits.addTo(map);
    else visits.remove();
    if (layers.technicians) techs.addTo(map);
    else techs.remove();
  }, [layers.interventions, layers.technicians, map]);

  const points = useMemo(() => interventionPoints(plan?.interventions, plan?.tours, technicians), [plan?.interventions, plan?.tours, technicians]);
  useEffect(() => {
    visitLayer.current?.setPoints(points, selectedInterventionId, (count, urgent) => t('map.cluster', { count, urgent }));
  }, [points, selectedInterventionId, t]);

  const absences = useBoard((s) => s.absences);
  useEffect(() => {
    const interventions = Object.values(plan?.interventions ?? {});
    const now = Date.now();
    const meta = new Map<string, TechnicianMeta>();
    for (const tech of technicians) {
      const track = controller.positions.get(tech.id);
      const activity = activityOf(tech.id, interventions, track ? track.recordedAt : null, now);
      // Away right now (leave, training…): the marker's label says why rather than "Hors service".
      const away = absences[tech.id]?.find((a) => Date.parse(a.startsAt) <= now && now < Date.parse(a.endsAt));
      meta.set(tech.id, {
        name: `${tech.firstName} ${tech.lastName}`,
        initials: `${tech.firstName[0] ?? ''}${tech.lastName[0] ?? ''}`,
        color: technicianColor(tech),
        activity,
        activityLabel: away ? t(`timeline.away.${away.kind}`) : t(`activity.${activity}`),
      });
    }
    techLayer.current?.setMeta(meta, selectedTechnicianId);
  }, [plan?.interventions, technicians, selectedTechnicianId, controller, t, absences]);

  return null;
}

export function interventionPoints(
  interventions: Readonly<Record<string, InterventionView>> | undefined,
  tours: Readonly<Record<string, TourView>> | undefined,
  technicians: readonly Technician[],
): InterventionPoint[] {
  if (!interventions) return [];
  const colorOf = new Map(technicians.map((t) => [t.id, technicianColor(t)]));
  const stopOf = new Map<string, { n: number; color: string | null }>();
  for (const tour of Object.values(tours ?? {})) {
    tour.stops.forEach((s, i) => stopOf.set(s.interventionId, { n: i + 1, color: colorOf.get(tour.technicianId) ?? null }));
  }
  const out: InterventionPoint[] = [];
  for (const i of Object.values(interventions)) {
    if (i.lat === null || i.lon === null) continue;
    const stop = stopOf.get(i.id);
    out.push({
      id: i.id,
      lat: i.lat,
      lon: i.lon,
      status: i.status,
      urgent: isUrgent(i),
      stop: stop?.n ?? null,
      tourColor: stop?.color ?? null,
      label: i.label,
    });
  }
  return out;
}
