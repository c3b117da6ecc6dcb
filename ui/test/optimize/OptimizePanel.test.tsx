import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { PlanningRun } from '../../src/api/endpoints.ts';
import { OptimizePanel } from '../../src/optimize/OptimizePanel.tsx';
import { fakeApi, loggedInBoard } from '../support/fake-board.ts';
import { renderBoard } from '../support/render.tsx';

const run = (over: Partial<PlanningRun>): PlanningRun => ({
  id: 'run-1', agencyId: 'ag-aix', status: 'running', progress: 0.4, days: ['2026-03-10'], error: null, result: null, preview: true, ...over,
});

describe('OptimizePanel', () => {
  it('runs planning, shows progress from job events, compares before and after, and accepts', async () => {
    let state: PlanningRun = run({});
    const startPlanning = vi.fn(async () => ({ id: 'run-1', jobId: 'job-1', run: state }));
    const planningRun = vi.fn(async () => state);
    const acceptRun = vi.fn(async () => state);
    const { controller, socket } = await loggedInBoard(fakeApi({ startPlanning, planningRun, acceptRun }));
    renderBoard(<OptimizePanel />, controller);
    await userEvent.click(screen.getByRole('button', { name: 'Lancer l’optimisation' }));
    expect(startPlanning).toHaveBeenCalledWith(expect.objectContaining({ agencyId: 'ag-aix', days: ['2026-03-10'], timeLimitMs: 10_000 }));
    act(() => socket.serve('job:progress', { jobId: 'job-1', queue: 'planning', agencyId: 'ag-aix', runId: 'run-1', state: 'running', progress: 0.6, message: 'solving', at: '' }));
    const bar = await screen.findByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('60');
    expect(screen.getByText(/calcul des tournées/)).toBeTruthy();
    state = run({ status: 'succeeded', progress: 1, result: { summary: { planned: 3, unassigned: 0, travelSeconds: 1500, travelMeters: 21000 }, unassigned: [] } });
    act(() => socket.serve('job:progress', { jobId: 'job-1', queue: 'planning', agencyId: 'ag-aix', runId: 'run-1', state: 'succeeded', progress: 1, message: null, at: '' }));
    const table = await screen.findByRole('table');
    expect(table.textContent).toContain('30 min');
    expect(table.textContent).toContain('25 min');
    await userEvent.click(screen.getByRole('button', { name: 'Accepter le plan' }));
    await waitFor(() => expect(acceptRun).toHaveBeenCalledWith('run-1'));
  });
});

describe('OptimizePanel with a server that applies runs directly', () => {
  it('says the plan is already in place instead of offering accept or discard', async () => {
    const done = run({ status: 'succeeded', progress: 1, preview: undefined, result: { summary: { planned: 2, unassigned: 1, travelSeconds: 1800, travelMeters: 25000 }, unassigned: [] } });
    const { controller, socket } = await loggedInBoard(fakeApi({
      startPlanning: vi.fn(async () => ({ id: 'run-1', jobId: 'job-1', run: done })),
      planningRun: vi.fn(async () => done),
    }));
    renderBoard(<OptimizePanel />, controller);
    await userEvent.click(screen.getByRole('button', { name: 'Lancer l’optimisation' }));
    act(() => socket.serve('job:progress', { jobId: 'job-1', queue: 'planning', agencyId: 'ag-aix', runId: 'run-1', state: 'succeeded', progress: 1, message: null, at: '' }));
    expect(await screen.findByText(/applique le plan dès la fin du calcul/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Accepter le plan' })).toBeNull();
  });
});
