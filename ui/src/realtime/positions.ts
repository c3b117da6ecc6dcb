// Technicians' positions live outside React: 500 of them at 1 Hz would
// re-render the board 500 times a second. Frames update this store; the map's
// canvas layer reads it on each animation frame and glides every marker from
// where it is drawn now to its new position, so movement looks continuous
// even though samples arrive once a second.
import type { PositionFrame, PositionSample } from '../api/types.ts';

export interface Track {
  readonly technicianId: string;
  fromLat: number;
  fromLon: number;
  toLat: number;
  toLon: number;
  /** performance.now() when the glide towards `to` started, and how long it lasts. */
  startedAt: number;
  duration: number;
  heading: number | null;
  speed: number | null;
  /** Device time of the latest sample, epoch ms. */
  recordedAt: number;
  /** Wall-clock ms when the frame carrying the latest sample left the server (for event-to-screen latency). */
  sentAt: number;
  /** performance.now() when that frame arrived; null once the marker was drawn at its new target. */
  pendingSince: number | null;
}

export interface DrawReport {
  /** One entry per marker whose new target was drawn: wall-clock ms from the frame leaving the server. */
  readonly sentToScreenMs: number[];
  /** From the frame's arrival in the browser. */
  readonly receivedToScreenMs: number[];
  /**
   * frame: the first animation frame that drew the marker's new course (every sample);
   * pixels: the first frame where the marker visibly moved (samples that move it 2 px or more).
   */
  readonly kind: 'frame' | 'pixels';
}

const MAX_GLIDE_MS = 1_200;

export class PositionStore {
  private readonly tracks = new Map<string, Track>();
  private readonly listeners = new Set<() => void>();
  private version = 0;
  /** Board metrics and the benchmark subscribe here. */
  onDrawn: ((report: DrawReport) => void) | null = null;

  constructor(private readonly now: () => number = () => performance.now()) {}

  get size(): number {
    return this.tracks.size;
  }

  /** Bumped on every frame: lists that show "last seen" compare it cheaply. */
  get revision(): number {
    return this.version;
  }

  all(): IterableIterator<Track> {
    return this.tracks.values();
  }

  get(technicianId: string): Track | undefined {
    return this.tracks.get(technicianId);
  }

  applyFrame(frame: PositionFrame): void {
    const arrived = this.now();
    for (const sample of frame.positions) this.applySample(sample, frame.sentAt, arrived);
    this.version++;
    for (const listener of this.listeners) listener();
  }

  private applySample(sample: PositionSample, sentAt: number, arrived: number): void {
    const track = this.tracks.get(sample.technicianId);
    if (!track) {
      this.tracks.set(sample.technicianId, {
        technicianId: sample.technicianId,
        fromLat: sample.lat,
        fromLon: sample.lon,
        toLat: sample.lat,
        toLon: sample.lon,
        startedAt: arrived,
        duration: 0,
        heading: sample.heading,
        speed: sample.speed,
        recordedAt: sample.recordedAt,
        sentAt,
        pendingSince: arrived,
      });
      return;
    }
    // An older sample than the one shown (frames can overtake on reconnect) is dropped.
    if (sample.recordedAt < track.recordedAt) return;
    const [lat, lon] = interpolate(track, arrived);
    const gap = sample.recordedAt - track.recordedAt;
    track.fromLat = lat;
    track.fromLon = lon;
    track.toLat = sample.lat;
    track.toLon = sample.lon;
    track.startedAt = arrived;
    // Glide over the time between samples, so a marker reaches a point just as the next one comes.
    track.duration = Math.min(MAX_GLIDE_MS, Math.max(0, gap));
    track.heading = sample.heading;
    track.speed = sample.speed;
    track.recordedAt = sample.recordedAt;
    track.sentAt = sentAt;
    track.pendingSince = arrived;
  }

  /** Where a marker should be drawn at `at` (performance.now()). */
  position(track: Track, at: number = this.now()): [number, number] {
    return interpolate(track, at);
  }

  /** Whether some marker is still gliding (the map keeps animating while true). */
  animating(at: number = this.now()): boolean {
    for (const t of this.tracks.values()) if (t.pendingSince !== null || at < t.startedAt + t.duration) return true;
    return false;
  }

  /**
   * The layer's word that a track's new sample was drawn (its glide started),
   * once per sample. Returns the sample's arrival and departure times, so the
   * layer can also report when the marker's pixels first moved.
   */
  settle(track: Track, at: number = this.now(), onScreen = true): { receivedAt: number; sentAt: number } | null {
    if (track.pendingSince === null) return null;
    const sample = { receivedAt: track.pendingSince, sentAt: track.sentAt };
    track.pendingSince = null;
    // A marker outside the view has no screen to reach: settled without a latency.
    if (onScreen) this.report('frame', sample, at);
    return sample;
  }

  report(kind: DrawReport['kind'], sample: { receivedAt: number; sentAt: number }, at: number = this.now()): void {
    this.onDrawn?.({ sentToScreenMs: [performance.timeOrigin + at - sample.sentAt], receivedToScreenMs: [at - sample.receivedAt], kind });
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.tracks.clear();
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

function interpolate(t: Track, at: number): [number, number] {
  if (t.duration <= 0 || at >= t.startedAt + t.duration) return [t.toLat, t.toLon];
  const k = Math.max(0, (at - t.startedAt) / t.duration);
  // Ease-out: the marker starts promptly (the event is visible at once) and settles softly.
  const e = 1 - (1 - k) * (1 - k);
  return [t.fromLat + (t.toLat - t.fromLat) * e, t.fromLon + (t.toLon - t.fromLon) * e];
}
