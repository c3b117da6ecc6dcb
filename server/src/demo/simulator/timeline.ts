// A technician's day as a timeline of segments — at home, driving to a stop,
// on site, driving on, home again — built from the tour's planned times; and
// where the technician is at any instant along it. Pure: no clock, no I/O.
import { bearing, distanceMeters, interpolate, type LatLon } from '../geo.ts';

/** Urban and departmental roads: 50 km/h on average, 30% longer than the crow flies. */
export const ROAD_SPEED_MPS = 50 / 3.6;
export const DETOUR_FACTOR = 1.3;
/** Positions start this long before leaving home (the van warming up). */
export const LEAD_IN_MS = 10 * 60_000;

export interface StopPlan {
  interventionId: string;
  location: LatLon;
  /** Epoch ms; missing times are derived from the others and the duration. */
  arrival: number | null;
  start: number | null;
  end: number | null;
  durationMinutes: number;
  travelSeconds: number | null;
}

export interface TimelineStop {
  interventionId: string;
  location: LatLon;
  /** Leaves the previous place. */
  departure: number;
  arrival: number;
  start: number;
  end: number;
}

type Segment = { kind: 'stay'; at: LatLon; from: number; to: number } | { kind: 'drive'; from: number; to: number; origin: LatLon; destination: LatLon };

export interface Timeline {
  home: LatLon;
  stops: TimelineStop[];
  segments: Segment[];
  /** First and last instants the technician reports positions. */
  activeFrom: number;
  activeTo: number;
}

export interface Fix {
  lat: number;
  lon: number;
  /** Degrees clockwise from north while driving, null when stopped. */
  heading: number | null;
  /** Metres per second. */
  speed: number;
}

export type StopPhase = 'before' | 'en_route' | 'on_site' | 'done';

export function driveMs(from: LatLon, to: LatLon): number {
  return Math.round(((distanceMeters(from, to) * DETOUR_FACTOR) / ROAD_SPEED_MPS) * 1000);
}

/** Null when no stop has a usable time. */
export function buildTimeline(home: LatLon, plans: readonly StopPlan[]): Timeline | null {
  const stops: TimelineStop[] = [];
  const segments: Segment[] = [];
  let here = home;
  let free: number | null = null; // when the technician is free to leave `here`
  for (const plan of plans) {
    const anchor = plan.arrival ?? plan.start;
    if (anchor === null) continue;
    const travel = plan.travelSeconds !== null ? plan.travelSeconds * 1000 : driveMs(here, plan.location);
    const arrival = free === null ? anchor : Math.max(anchor, free);
    const departure = free === null ? arrival - travel : Math.max(free, arrival - travel);
    const start = Math.max(plan.start ?? arrival, arrival);
    const end = Math.max(plan.end ?? start + plan.durationMinutes * 60_000, start);
    if (free !== null && departure > free) segments.push({ kind: 'stay', at: here, from: free, to: departure });
    segments.push({ kind: 'drive', from: departure, to: Math.max(arrival, departure + 1), origin: here, destination: plan.location });
    segments.push({ kind: 'stay', at: plan.location, from: arrival, to: end });
    stops.push({ interventionId: plan.interventionId, location: plan.location, departure, arrival, start, end });
    here = plan.location;
    free = end;
  }
  if (stops.length === 0 || free === null) return null;
  const back = free + driveMs(here, home);
  segments.push({ kind: 'drive', from: free, to: Math.max(back, free + 1), origin: here, destination: home });
  return { home, stops, segments, activeFrom: stops[0]!.departure - LEAD_IN_MS, activeTo: back };
}

/** Where the technician is at `t`; null outside the working day. */
export function positionAt(timeline: Timeline, t: number): Fix | null {
  if (t < timeline.activeFrom || t > timeline.activeTo) return null;
  for (const segment of timeline.segments) {
    if (t < segment.from || t > segment.to) continue;
    if (segment.kind === 'stay') return { ...segment.at, heading: null, speed: 0 };
    const fraction = (t - segment.from) / (segment.to - segment.from);
    const point = interpolate(segment.origin, segment.destination, fraction);
    const meters = distanceMeters(segment.origin, segment.destination) * DETOUR_FACTOR;
    return {
      lat: point.lat,
      lon: point.lon,
      heading: meters > 0 ? Math.round(bearing(segment.origin, segment.destination)) : null,
      speed: Math.round((meters / ((segment.to - segment.from) / 1000)) * 10) / 10,
    };
  }
  // Between the lead-in and the first departure: still at home.
  return { ...timeline.home, heading: null, speed: 0 };
}

export function stopPhase(stop: TimelineStop, t: number): StopPhase {
  if (t < stop.departure) return 'before';
  if (t < stop.arrival) return 'en_route';
  if (t < stop.end) return 'on_site';
  return 'done';
}
