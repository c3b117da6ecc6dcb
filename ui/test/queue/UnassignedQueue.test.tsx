import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Intervention } from '../../src/api/types.ts';
import { UnassignedQueue } from '../../src/queue/UnassignedQueue.tsx';
import { fakeApi, loggedInBoard } from '../support/fake-board.ts';
import { renderBoard } from '../support/render.tsx';

const record = { id: 'i-3', requiredSkills: [{ skillId: 'sk-pool', minLevel: 2 }], problemDescription: 'Pompe de filtration bruyante', equipmentId: null } as unknown as Intervention;

describe('UnassignedQueue', () => {
  it('lists what waits with the engine’s reason, skills and problem, and hands it to "find a technician"', async () => {
    const api = fakeApi({
      interventions: vi.fn(async () => [record]),
      latestRun: vi.fn(async () => ({ id: 'r', agencyId: 'ag-aix', status: 'succeeded' as const, progress: 1, days: [], error: null, result: { summary: { planned: 2, unassigned: 1, travelSeconds: 0, travelMeters: 0 }, unassigned: [{ interventionId: 'i-3', reason: 'no_skill' as const }] } })),
    });
    const { controller } = await loggedInBoard(api);
    const find = vi.fn();
    renderBoard(<UnassignedQueue onFindTechnician={find} />, controller);
    const item = await screen.findByText('Camping des Pins — Pertuis');
    expect(item).toBeTruthy();
    expect(await screen.findByText('Aucun technicien qualifié', { selector: '.chip' })).toBeTruthy();
    expect(await screen.findByText('Pompe de filtration bruyante')).toBeTruthy();
    expect(screen.getByText('Piscine ≥ 2')).toBeTruthy();
    expect(screen.getByText('P90')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Trouver un technicien' }));
    expect(find).toHaveBeenCalledWith('i-3');
  });

  it('filters by search and says when nothing matches', async () => {
    const { controller } = await loggedInBoard(fakeApi({ interventions: vi.fn(async () => [record]) }));
    renderBoard(<UnassignedQueue onFindTechnician={() => {}} />, controller);
    await userEvent.type(screen.getByRole('searchbox'), 'chaudière');
    await waitFor(() => expect(screen.getByText('Aucune intervention ne correspond aux filtres.')).toBeTruthy());
    await userEvent.clear(screen.getByRole('searchbox'));
    await userEvent.type(screen.getByRole('searchbox'), 'pertuis');
    expect(await screen.findByText('Camping des Pins — Pertuis')).toBeTruthy();
  });
});
