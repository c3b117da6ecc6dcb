// The benchmark's synthetic company: technicians spread over Provence, each
// with a tour of visits around their home, moving along it. Seeded, so two
// runs with the same seed draw the same map and the same movements.
import type { InterventionView, PositionSample, Technician, TourView } from '../../ui/src/api/types.ts';

export interface BoardBenchData {
  readonly technicians: Technician[];
  readonly tours: TourView[];
  readonly interventions: InterventionView[];
}

/** Mulberry32: small, fast, good enough to scatter points reproducibly. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** West, south, east, north: Provence, where the demo company works. */
export const AREA = [4.6, 43.15, 6.4, 44.25] as const;
export const CENTER = { lat: (AREA[1] + AREA[3]) / 2, lon: (AREA[0] + AREA[2]) / 2 };
const STATUSES = ['planned', 'assigned', 'dispatched', 'en_route', 'on_site', 'done'] as const;

export function generate(seed: number, technicianCount: number, visitCount: number, day: string): BoardBenchData {
  const random = rng(seed);
  const technicians: Technician[] = [];
  const tours: TourView[] = [];
  const interventions: InterventionView[] = [];
  const perTour = Math.ceil(visitCount / technicianCount);
  let made = 0;
  for (let t = 0; t < technicianCount; t++) {
    const homeLat = AREA[1] + random() * (AREA[3] - AREA[1]);
    const homeLon = AREA[0] + random() * (AREA[2] - AREA[0]);
    const id = `tech-${t}`;
    technicians.push({
      id,
      agencyId: 'bench',
      firstName: `Tech`,
      lastName: String(t + 1),
      email: null,
      phone: null,
      homeAddress: null,
      homeLat,
      homeLon,
      color: null,
      active: true,
      skills: [],
      sectors: [],
      createdAt: '',
      updatedAt: '',
    });
    const stops: TourView['stops'][number][] = [];
    for (let s = 0; s < perTour && made < visitCount; s++, made++) {
      const lat = homeLat + (random() - 0.5) * 0.25;
      const lon = homeLon + (random() - 0.5) * 0.35;
      const vid = `visit-${made}`;
      const start = new Date(`${day}T07:00:00Z`).getTime() + s * 90 * 60_000;
      interventions.push({
        id: vid,
        agencyId: 'bench',
        status: STATUSES[Math.min(STATUSES.length - 1, Math.floor(random() * STATUSES.length))]!,
        priority: random() < 0.05 ? 90 : 50,
        technicianId: id,
        siteId: `site-${made}`,
        sectorId: null,
        lat,
        lon,
        label: `Client ${made + 1} — Commune ${t + 1}`,
        estimatedDurationMinutes: 60,
        plannedStart: new Date(start).toISOString(),
        plannedEnd: new Date(start + 3_600_000).toISOString(),
        slaDeadline: null,
        pinned: false,
        version: 1,
      });
      stops.push({
        id: `stop-${made}`,
        interventionId: vid,
        sequence: s,
        plannedArrival: null,
        plannedStart: new Date(start).toISOString(),
        plannedEnd: new Date(start + 3_600_000).toISOString(),
        travelSeconds: 900,
        travelMeters: 12_000,
        lat,
        lon,
        version: 1,
      });
    }
    tours.push({ id: `tour-${t}`, agencyId: 'bench', technicianId: id, date: day, status: 'published', kpis: {}, stops, version: 1 });
  }
  return { technicians, tours, interventions };
}

/**
 * Moves every technician along their tour (home → stops → home) at about
 * 50 km/h; `sample(i, atMs)` is technician i's position at that time.
 */
export function mover(data: BoardBenchData, seed: number): (index: number, atMs: number) => PositionSample {
  const random = rng(seed ^ 0x9e3779b9);
  const paths = data.tours.map((tour, i) => {
    const tech = data.technicians[i]!;
    const points = [[tech.homeLat!, tech.homeLon!], ...tour.stops.map((s) => [s.lat!, s.lon!]), [tech.homeLat!, tech.homeLon!]] as [number, number][];
    const lengths = points.slice(1).map((p, k) => Math.hypot(p[0] - points[k]![0], (p[1] - points[k]![1]) * Math.cos((p[0] * Math.PI) / 180)));
    const total = lengths.reduce((a, b) => a + b, 0) || 1;
    return { points, lengths, total, offset: random() * total };
  });
  // 50 km/h in degrees of latitude per millisecond.
  const speed = 50_000 / 3_600_000 / 111_000;
  return (index, atMs) => {
    const path = paths[index]!;
    let d = (path.offset + atMs * speed) % path.total;
    let k = 0;
    while (k < path.lengths.length - 1 && d > path.lengths[k]!) d -= path.lengths[k++]!;
    const [a, b] = [path.points[k]!, path.points[k + 1]!];
    const f = path.lengths[k]! > 0 ? d / path.lengths[k]! : 0;
    const heading = (Math.atan2(b[1] - a[1], b[0] - a[0]) * 180) / Math.PI;
    return {
      technicianId: data.technicians[index]!.id,
      agencyId: 'bench',
      lat: a[0] + (b[0] - a[0]) * f,
      lon: a[1] + (b[1] - a[1]) * f,
      heading: (heading + 360) % 360,
      speed: 13.9,
      accuracy: 10,
      recordedAt: atMs,
    };
  };
}
