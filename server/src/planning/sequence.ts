// Times of visits taken in a given order — what a dispatcher's explicit
// "put it third" needs, since the engine re-optimizes any order it is given.
// Same rules as the engine's routes (engine/README.md): travel from
// coordinates (great-circle × road factor at an average speed, rounded to
// whole metres and seconds), wait for the first window whose end is not
// passed, start no earlier than the vehicle; departure delayed so that nobody
// waits at the first visit. Simplification until the engine's insertion API
// (issue 3): the lunch break is not placed.
import { type CoordinateTravelModel, DEFAULT_COORDINATE_TRAVEL } from '../../../engine/src/index.ts';
import type { LonLat } from './records.ts';

export interface SequenceStop {
  readonly location: LonLat;
  readonly service: number;
  /** Seconds; empty = any time. */
  readonly windows: readonly (readonly [number, number])[];
}

export interface TimedStop {
  readonly arrival: number;
  readonly start: number;
  readonly end: number;
  readonly travelSeconds: number;
  readonly travelMeters: number;
  /** No window could be met: the start is after the last window's end. */
  readonly late: boolean;
}

export interface TimedSequence {
  readonly departure: number;
  readonly stops: readonly TimedStop[];
  /** Arrival back at `end`, when there is one. */
  readonly returnAt: number | null;
  readonly travelSeconds: number;
  readonly travelMeters: number;
}

const EARTH_RADIUS_M = 6371008.8;

export function leg(a: LonLat, b: LonLat, model: CoordinateTravelModel = DEFAULT_COORDINATE_TRAVEL): { seconds: number; meters: number } {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  const road = 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))) * model.roadFactor;
  return { meters: Math.round(road), seconds: Math.round(road / (model.speedKmh / 3.6)) };
}

export function timeSequence(start: LonLat | null, departure: number, stops: readonly SequenceStop[], end: LonLat | null): TimedSequence {
  const timed: TimedStop[] = [];
  let t = departure;
  let at = start;
  let travelSeconds = 0;
  let travelMeters = 0;
  for (const stop of stops) {
    const l = at ? leg(at, stop.location) : { seconds: 0, meters: 0 };
    const arrival = t + l.seconds;
    const window = stop.windows.find(([, e]) => e >= arrival);
    const begin = stop.windows.length === 0 ? arrival : window ? Math.max(arrival, window[0]) : arrival;
    const late = stop.windows.length > 0 && !window;
    timed.push({ arrival, start: begin, end: begin + stop.service, travelSeconds: l.seconds, travelMeters: l.meters, late });
    travelSeconds += l.seconds;
    travelMeters += l.meters;
    t = begin + stop.service;
    at = stop.location;
  }
  let returnAt: number | null = null;
  if (end && at) {
    const l = leg(at, end);
    returnAt = t + l.seconds;
    travelSeconds += l.seconds;
    travelMeters += l.meters;
  }
  // Leave later rather than wait at the first visit.
  const first = timed[0];
  const shift = first ? first.start - first.arrival : 0;
  if (shift > 0) timed[0] = { ...first!, arrival: first!.start };
  return { departure: departure + shift, stops: timed, returnAt, travelSeconds, travelMeters };
}
