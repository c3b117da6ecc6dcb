// `npm run bench:board`'s page: the board's real map (BoardMap, its canvas
// layers, clustering and tour lines) fed with a synthetic plan, and position
// frames from the benchmark's socket.io server. It measures, per animation
// frame, the main thread's work (from the frame's start to the first task
// after it, so script, style, layout and paint), and for each position
// sample the time from the frame leaving the server to the first painted
// frame showing the marker's new course. benchmarks/board/run.ts drives it.
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { io } from 'socket.io-client';
import type { InterventionView, PositionFrame, Technician, TourView } from '../src/api/types.ts';
import { createI18n } from '../src/i18n/index.ts';
import { BoardMap } from '../src/map/BoardMap.tsx';
import { CanvasOverlay } from '../src/map/canvas-overlay.ts';
import { ControllerContext } from '../src/state/context.tsx';
import { BoardController } from '../src/state/controller.ts';
import '../src/board/board.css';

export interface BenchData {
  readonly technicians: Technician[];
  readonly tours: TourView[];
  readonly interventions: InterventionView[];
}

export interface BenchSample {
  readonly frameMs: number[];
  readonly intervalMs: number[];
  readonly sentToScreenMs: number[];
  readonly receivedToScreenMs: number[];
  readonly longFrames: number;
  readonly framesReceived: number;
  /** Time spent painting each canvas layer, ms per paint. */
  readonly paintMs: Record<string, number[]>;
  /** Time spent handling each socket frame (parse excluded), ms. */
  readonly applyMs: number[];
  /** Samples moving their marker 2 px or more: until its pixels first moved. */
  readonly sentToPixelsMs: number[];
  readonly receivedToPixelsMs: number[];
}

const data = (await fetch('/bench-data.json').then((r) => r.json())) as BenchData;
const memory = new Map<string, string>();
const controller = new BoardController({
  socketFactory: () => {
    throw new Error('the benchmark page opens its own socket');
  },
  storage: { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v), removeItem: (k) => void memory.delete(k) },
});
const byId = <T extends { id: string }>(items: T[]) => Object.fromEntries(items.map((i) => [i.id, i]));
controller.store.set({
  technicians: data.technicians,
  agencyId: 'bench',
  plan: {
    agencyId: 'bench',
    date: data.tours[0]?.date ?? '2026-01-01',
    epoch: 'bench',
    sequence: 0,
    ahead: [],
    tours: byId(data.tours),
    interventions: byId(data.interventions),
  },
});

// ─── Measurements ────────────────────────────────────────────────────────────
let sample = fresh();
function fresh() {
  return {
    frameMs: [] as number[],
    intervalMs: [] as number[],
    sentToScreenMs: [] as number[],
    receivedToScreenMs: [] as number[],
    longFrames: 0,
    framesReceived: 0,
    paintMs: {} as Record<string, number[]>,
    applyMs: [] as number[],
    sentToPixelsMs: [] as number[],
    receivedToPixelsMs: [] as number[],
  };
}
CanvasOverlay.onPaint = (layer, ms) => void (sample.paintMs[layer] ??= []).push(ms);
const afterFrame = new MessageChannel();
const pendingFrames: number[] = [];
const pendingDraws: { drawnAt: number; kind: 'frame' | 'pixels'; sent: number[]; received: number[] }[] = [];
afterFrame.port1.onmessage = () => {
  // A task queued from inside requestAnimationFrame runs once that frame's rendering is done.
  const now = performance.now();
  const start = pendingFrames.shift();
  if (start !== undefined) sample.frameMs.push(now - start);
  for (const d of pendingDraws.splice(0)) {
    const extra = now - d.drawnAt;
    const [sent, received] = d.kind === 'frame' ? [sample.sentToScreenMs, sample.receivedToScreenMs] : [sample.sentToPixelsMs, sample.receivedToPixelsMs];
    for (const ms of d.sent) sent.push(ms + extra);
    for (const ms of d.received) received.push(ms + extra);
  }
};
let last = 0;
const loop = (): void => {
  const start = performance.now();
  if (last) sample.intervalMs.push(start - last);
  last = start;
  pendingFrames.push(start);
  afterFrame.port2.postMessage(0);
  requestAnimationFrame(loop);
};
requestAnimationFrame(loop);
controller.positions.onDrawn = (report) => {
  pendingDraws.push({ drawnAt: performance.now(), kind: report.kind, sent: report.sentToScreenMs, received: report.receivedToScreenMs });
};
try {
  new PerformanceObserver((list) => {
    sample.longFrames += list.getEntries().length;
  }).observe({ type: 'long-animation-frame', buffered: false });
} catch {
  // Older browsers have no Long Animation Frames API: the count stays 0.
}

const socket = io({ transports: ['websocket'] });
socket.on('positions:frame' as never, (frame: PositionFrame) => {
  sample.framesReceived++;
  const started = performance.now();
  controller.positions.applyFrame(frame);
  sample.applyMs.push(performance.now() - started);
});

(window as unknown as { __bench: unknown }).__bench = {
  ready: () => socket.connected && Boolean((window as unknown as { __tourneeMap?: unknown }).__tourneeMap),
  setView: (lat: number, lon: number, zoom: number) =>
    (window as unknown as { __tourneeMap: { setView(c: [number, number], z: number, o: object): void } }).__tourneeMap.setView([lat, lon], zoom, {
      animate: false,
    }),
  reset: () => {
    sample = fresh();
  },
  take: (): BenchSample => sample,
  markers: () => controller.positions.size,
};

createRoot(document.getElementById('root')!).render(
  <I18nextProvider i18n={createI18n('fr')}>
    <ControllerContext.Provider value={controller}>
      <BoardMap tiles={null} />
    </ControllerContext.Provider>
  </I18nextProvider>,
);
