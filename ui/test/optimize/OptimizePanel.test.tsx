import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { PlanChanges, PlanningRun } from '../../src/api/endpoints.ts';
import { ApiError } from '../../src/api/http.ts';
import { OptimizePanel, verdict } from '../../src/optimize/OptimizePanel.tsx';
import { fakeApi, loggedInBoard } from '../support/fake-board.ts';
import { renderBoard } from '../support/render.tsx';

const run = (over: Partial<PlanningRun> = {}): PlanningRun => ({
  id: 'run-1',
  agencyId: 'ag-aix',
  days: ['2026-03-10'],
  status: 'running',
  preview: true,
  decision: 'pending',
  decidedAt: null,
  progress: 0.4,
  error: null,
  result: null,
  requestedById: 'u1',
  createdAt: '2026-03-10T06:00:00Z',
  startedAt: '2026-03-10T06:00:01Z',
  finishedAt: null,
  ...over,
});

const done = (over: Partial<PlanningRun> = {}): PlanningRun =>
  run({
    status: 'succeeded',
    progress: 1,
    finishedAt: '2026-03-10T06:00:11Z',
    result: {
      summary: {
        planned: 3,
        unassigned: 0,
        cost: 1,
        travelSeconds: 1500,
        travelMeters: 21_000,
        solvingMs: 9000,
        tours: 2,
        toursChanged: 2,
        interventionsChanged: 3,
        workSeconds: 3 * 3600 + 1500,
        overtimeSeconds: 0,
      },
      before: { planned: 2, unassigned: 1, travelSeconds: 1800, travelMeters: 25_000, tours: 1, workSeconds: 2 * 3600 + 1800, overtimeSeconds: 600 },
      unassigned: [],
      tours: [],
    },
    ...over,
  });

const progress = (state: 'running' | 'succeeded' | 'failed', value: number, message: string | null = null) => ({
  jobId: 'job-1',
  queue: 'planning' as const,
  agencyId: 'ag-aix',
  runId: 'run-1',
  state,
  progress: value,
  message,
  at: '',
});

async function started(overrides: Parameters<typeof fakeApi>[0] = {}) {
  let state = run();
  const api = fakeApi({
    startPlanning: vi.fn(async () => ({ id: 'run-1', jobId: 'job-1', run: state })),
    planningRun: vi.fn(async () => state),
    ...overrides,
  });
  const board = await loggedInBoard(api);
  const view = renderBoard(<OptimizePanel />, board.controller);
  await userEvent.click(screen.getByRole('button', { name: 'Lancer l’optimisation' }));
  return {
    ...board,
    view,
    setRun: (r: PlanningRun) => {
      state = r;
    },
  };
}

describe('OptimizePanel', () => {
  it('offers its time budgets as they are: 10 s, 30 s, 1 min', async () => {
    const board = await loggedInBoard(fakeApi());
    renderBoard(<OptimizePanel />, board.controller);
    const options = screen.getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(['10 s', '30 s', '1 min']);
  });

  it('runs a preview, shows progress from job events, then before → after with the differences coloured', async () => {
    const { api, socket, setRun } = await started();
    expect(api.startPlanning).toHaveBeenCalledWith(expect.objectContaining({ agencyId: 'ag-aix', days: ['2026-03-10'], timeLimitMs: 10_000, preview: true }));
    act(() => socket.serve('job:progress', progress('running', 0.6, 'solving')));
    const bar = await screen.findByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('60');
    expect(screen.getByText(/calcul des tournées/)).toBeTruthy();

    setRun(done());
    act(() => socket.serve('job:progress', progress('succeeded', 1)));
    const table = await screen.findByRole('table');
    const row = (key: string) => table.querySelector(`tr[data-indicator="${key}"]`)!;
    expect(within(row('travel') as HTMLElement).getByText('30 min')).toBeTruthy();
    expect(within(row('travel') as HTMLElement).getByText('25 min')).toBeTruthy();
    expect(row('travel').querySelector('.compare-delta')!.textContent).toBe('−5 min');
    expect(row('travel').querySelector('.compare-delta')!.className).toContain('is-better');
    expect(row('distance').textContent).toContain('25 km');
    expect(row('distance').textContent).toContain('21 km');
    expect(row('planned').querySelector('.compare-delta')!.textContent).toBe('+1');
    expect(row('planned').querySelector('.compare-delta')!.className).toContain('is-better');
    expect(row('unassigned').querySelector('.compare-delta')!.className).toContain('is-better');
    expect(row('overtime').textContent).toContain('10 min');
    expect(row('overtime').querySelector('.compare-delta')!.className).toContain('is-better');
    // Work and tours: shown, not judged.
    expect(row('work').querySelector('.compare-delta')!.className).toContain('is-neutral');
    expect(row('tours').querySelector('.compare-delta')!.textContent).toBe('+1');
    expect(screen.getByText('Accepter modifie 2 tournées et 3 visites.')).toBeTruthy();
    expect(screen.getByText(/rien ne change pour les techniciens/)).toBeTruthy();
  });

  it('lists what changes per technician, by name and in words, and accepts one technician only', async () => {
    type Stop = PlanChanges['technicians'][number]['stops'][number];
    const stop = (over: Pick<Stop, 'interventionId' | 'place' | 'sequence' | 'plannedStart' | 'change'> & Partial<Stop>): Stop => ({
      reference: null,
      location: [5.45, 43.53],
      plannedEnd: null,
      ...over,
    });
    const changes: PlanChanges = {
      runId: 'run-1',
      days: ['2026-03-10'],
      technicians: [
        {
          technicianId: 't-alice',
          day: '2026-03-10',
          accepted: false,
          changed: true,
          travelSecondsBefore: 1800,
          travelSecondsAfter: 2700,
          stops: [
            stop({ interventionId: 'i-1', place: 'Mme Durand · Gardanne', sequence: 0, plannedStart: '2026-03-10T07:30:00Z', change: 'in', from: 't-bruno' }),
            stop({
              interventionId: 'i-2',
              place: 'Boulangerie · Aix',
              sequence: 1,
              plannedStart: '2026-03-10T09:00:00Z',
              change: 'shifted',
              shiftSeconds: 1800,
            }),
          ],
          leaving: [{ interventionId: 'i-3', reference: 'SAV-12', place: 'M. Roux · Trets', location: null, to: null }],
        },
      ],
    };
    const acceptTechnicians = vi.fn(async () => done());
    const { socket, setRun } = await started({ planChanges: vi.fn(async () => changes), acceptTechnicians });
    setRun(done());
    act(() => socket.serve('job:progress', progress('succeeded', 1)));
    const moves = await screen.findByRole('region', { name: 'Ce qui change, technicien par technicien' });
    const text = moves.textContent ?? '';
    expect(text).toContain('Alice Martin');
    expect(text).toContain('Mme Durand · Gardanne');
    expect(text).toContain('arrive, vient de Bruno Durand');
    expect(text).toContain('décalée de +30 min');
    expect(text).toContain('M. Roux · Trets');
    expect(text).toContain('Visite SAV-12');
    expect(text).toContain('retourne dans la file d’attente');
    expect(text).toContain('08:30');
    expect(text).not.toMatch(/i-1|i-2|i-3|t-alice|t-bruno/);
    await userEvent.click(within(moves).getByRole('button', { name: 'Accepter Alice Martin seul' }));
    await waitFor(() => expect(acceptTechnicians).toHaveBeenCalledWith('run-1', ['t-alice']));
  });

  it('accepts: the result is shown, and the timeline follows the server’s deltas', async () => {
    const acceptRun = vi.fn(async () => done({ decision: 'accepted', decidedAt: '2026-03-10T06:01:00Z' }));
    const { controller, socket, setRun } = await started({ acceptRun });
    setRun(done());
    act(() => socket.serve('job:progress', progress('succeeded', 1)));
    await userEvent.click(await screen.findByRole('button', { name: 'Accepter le plan' }));
    await waitFor(() => expect(acceptRun).toHaveBeenCalledWith('run-1'));
    expect(await screen.findByText('Plan appliqué')).toBeTruthy();
    expect(screen.getByText(/3 visites planifiées, 0 non planifiées/)).toBeTruthy();
    expect(controller.store.get().notices.some((n) => n.key === 'optimize.accepted')).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Nouvelle optimisation' }));
    expect(screen.getByRole('button', { name: 'Lancer l’optimisation' })).toBeTruthy();
  });

  it('shows the server’s message when the plan changed since the preview (409), and runs again on request', async () => {
    const acceptRun = vi.fn(async () => {
      throw new ApiError(409, 'the plan of 2026-03-10 changed since the preview (2 tours)');
    });
    const discardRun = vi.fn(async () => done({ decision: 'discarded' }));
    const { api, socket, setRun } = await started({ acceptRun, discardRun });
    setRun(done());
    act(() => socket.serve('job:progress', progress('succeeded', 1)));
    await userEvent.click(await screen.findByRole('button', { name: 'Accepter le plan' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Le plan en place a changé depuis cet aperçu');
    expect(alert.textContent).toContain('changed since the preview (2 tours)');
    expect(screen.queryByRole('button', { name: 'Accepter le plan' })).toBeNull();

    setRun(run({ id: 'run-2' }));
    await userEvent.click(screen.getByRole('button', { name: 'Relancer l’optimisation' }));
    await waitFor(() => expect(api.startPlanning).toHaveBeenCalledTimes(2));
    expect(discardRun).toHaveBeenCalledWith('run-1');
    expect(await screen.findByRole('progressbar')).toBeTruthy();
  });

  it('discards: back to idle, nothing applied', async () => {
    const discardRun = vi.fn(async () => done({ decision: 'discarded' }));
    const acceptRun = vi.fn();
    const { controller, socket, setRun } = await started({ discardRun, acceptRun });
    setRun(done());
    act(() => socket.serve('job:progress', progress('succeeded', 1)));
    await userEvent.click(await screen.findByRole('button', { name: 'Abandonner' }));
    await waitFor(() => expect(discardRun).toHaveBeenCalledWith('run-1'));
    expect(await screen.findByRole('button', { name: 'Lancer l’optimisation' })).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(acceptRun).not.toHaveBeenCalled();
    expect(controller.store.get().notices.some((n) => n.key === 'optimize.discarded')).toBe(true);
  });

  it('keeps a run in progress when the panel is closed and opened again', async () => {
    const { controller, socket, setRun, view } = await started();
    act(() => socket.serve('job:progress', progress('running', 0.3)));
    view.unmount();
    setRun(done());
    act(() => socket.serve('job:progress', progress('succeeded', 1)));
    await waitFor(() => expect(controller.store.get().optimize.kind).toBe('review'));
    renderBoard(<OptimizePanel />, controller);
    expect(await screen.findByRole('button', { name: 'Accepter le plan' })).toBeTruthy();
  });

  it('says when the run failed and offers to try again', async () => {
    const { socket, setRun } = await started();
    setRun(run({ status: 'failed', error: 'solver crashed', progress: 0.5 }));
    act(() => socket.serve('job:progress', progress('failed', 0.5)));
    expect((await screen.findByRole('alert')).textContent).toBe('solver crashed');
    expect(screen.getByRole('button', { name: 'Réessayer' })).toBeTruthy();
  });
});

describe('verdict', () => {
  it('judges a change by the indicator’s better direction, ignoring what the display rounds away', () => {
    expect(verdict(-300, 'lower', 'duration')).toBe('better');
    expect(verdict(300, 'lower', 'duration')).toBe('worse');
    expect(verdict(1, 'higher', 'count')).toBe('better');
    expect(verdict(10, 'lower', 'duration')).toBeNull();
    expect(verdict(5000, 'neither', 'km')).toBe('neutral');
  });
});

describe('OptimizePanel while computing', () => {
  it('stops a preview still being computed (discarded on the server)', async () => {
    const discardRun = vi.fn(async () => run({ decision: 'discarded' }));
    let state = run();
    const { controller } = await loggedInBoard(
      fakeApi({
        startPlanning: vi.fn(async () => ({ id: 'run-1', jobId: 'job-1', run: state })),
        planningRun: vi.fn(async () => state),
        discardRun,
      }),
    );
    renderBoard(<OptimizePanel />, controller);
    await userEvent.click(screen.getByRole('button', { name: 'Lancer l’optimisation' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Arrêter le calcul' }));
    await waitFor(() => expect(discardRun).toHaveBeenCalledWith('run-1'));
    expect(controller.store.get().optimize.kind).toBe('idle');
    state = done();
    expect(screen.getByRole('button', { name: 'Lancer l’optimisation' })).toBeTruthy();
  });
});
