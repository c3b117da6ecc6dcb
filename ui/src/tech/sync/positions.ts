// The device's position every 30 s while the technician is on duty, stored
// first (IndexedDB) and sent in batches by the synchronization, so positions
// taken in a dead zone arrive later rather than never.
import type { DeviceStore } from './db.ts';

export const POSITION_INTERVAL_MS = 30_000;

export class PositionRecorder {
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly device: DeviceStore,
    private readonly onRecorded: () => void,
    private readonly intervalMs = POSITION_INTERVAL_MS,
  ) {}

  start(): void {
    if (this.timer || typeof navigator === 'undefined' || !navigator.geolocation) return;
    this.take();
    this.timer = setInterval(() => this.take(), this.intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private take(): void {
    navigator.geolocation.getCurrentPosition(
      (p) => {
        void this.device
          .addPosition({
            lat: p.coords.latitude,
            lon: p.coords.longitude,
            accuracy: p.coords.accuracy ?? undefined,
            heading: p.coords.heading !== null && Number.isFinite(p.coords.heading) ? p.coords.heading : undefined,
            speed: p.coords.speed !== null && Number.isFinite(p.coords.speed) ? p.coords.speed : undefined,
            recordedAt: new Date(p.timestamp || Date.now()).toISOString(),
          })
          .then(this.onRecorded);
      },
      () => {}, // no fix (tunnel, refused permission): the next tick tries again
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 20_000 },
    );
  }
}
