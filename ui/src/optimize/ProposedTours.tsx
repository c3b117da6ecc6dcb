// The Optimize preview on the map, while it is reviewed: each changed
// technician's proposed tour as a dashed line in their colour, the visits
// that come in ringed in their colour, those that change place or time dotted,
// and those that leave drawn hollow in grey — so the dispatcher sees where
// the moves are before accepting (ProposedChanges.tsx lists them).
import L from 'leaflet';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleMarker, Polyline, Tooltip } from 'react-leaflet';
import type { TechnicianChanges } from '../api/endpoints.ts';
import type { Technician } from '../api/types.ts';
import { technicianColor } from '../board/colors.ts';
import { useBoard } from '../state/context.tsx';

export function ProposedTours() {
  const optimize = useBoard((s) => s.optimize);
  const technicians = useBoard((s) => s.technicians);
  // SVG, unlike the board's canvas: a few dozen shapes, each a DOM element the browser tests (and assistive tools) can find.
  const renderer = useMemo(() => L.svg(), []);
  const changes = optimize.kind === 'review' || optimize.kind === 'deciding' ? optimize.changes : null;
  if (!changes) return null;
  const byId = new Map(technicians.map((t) => [t.id, t]));
  return (
    <>
      {changes.technicians
        .filter((c) => c.changed)
        .map((c) => (
          <ProposedTour key={`${c.technicianId}@${c.day}`} changes={c} technician={byId.get(c.technicianId)} renderer={renderer} />
        ))}
    </>
  );
}

function ProposedTour({ changes, technician, renderer }: { changes: TechnicianChanges; technician: Technician | undefined; renderer: L.Renderer }) {
  const { t } = useTranslation();
  const color = technicianColor(technician);
  const home: L.LatLngTuple | null = technician?.homeLat != null && technician.homeLon != null ? [technician.homeLat, technician.homeLon] : null;
  const points: L.LatLngTuple[] = changes.stops.filter((s) => s.location).map((s) => [s.location![1], s.location![0]]);
  const line = home && points.length > 0 ? [home, ...points, home] : points;
  const name = technician ? `${technician.firstName} ${technician.lastName}` : '';
  return (
    <>
      {line.length > 1 && (
        <Polyline
          positions={line}
          interactive={false}
          renderer={renderer}
          className="proposed-tour"
          pathOptions={{ color, weight: 4, opacity: 0.9, dashArray: '8 6' }}
        />
      )}
      {changes.stops
        .filter((s) => s.location && s.change !== 'same')
        .map((s) => (
          <CircleMarker
            key={s.interventionId}
            center={[s.location![1], s.location![0]]}
            radius={s.change === 'in' ? 10 : 8}
            renderer={renderer}
            className={`proposed-stop is-${s.change}`}
            pathOptions={{ color, weight: 3, fillColor: '#ffffff', fillOpacity: 0.9, ...(s.change === 'in' ? {} : { dashArray: '3 3' }) }}
          >
            <Tooltip direction="top" offset={[0, -8]}>
              {name} — {s.place || (s.reference ? t('optimize.visit', { reference: s.reference }) : t('optimize.visitNoReference'))}
            </Tooltip>
          </CircleMarker>
        ))}
      {changes.leaving
        .filter((l) => l.location)
        .map((l) => (
          <CircleMarker
            key={`out-${l.interventionId}`}
            center={[l.location![1], l.location![0]]}
            radius={7}
            renderer={renderer}
            className="proposed-stop is-leaving"
            pathOptions={{ color: '#6b7280', weight: 2, fillOpacity: 0, dashArray: '2 3' }}
          >
            <Tooltip direction="top" offset={[0, -8]}>
              {name} — {t('optimize.stopLeaving')} :{' '}
              {l.place || (l.reference ? t('optimize.visit', { reference: l.reference }) : t('optimize.visitNoReference'))}
            </Tooltip>
          </CircleMarker>
        ))}
    </>
  );
}
