import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { PlanningRun, UnassignedVisit } from '../../src/api/endpoints.ts';
import type { Intervention } from '../../src/api/types.ts';
import { UnassignedQueue } from '../../src/queue/UnassignedQueue.tsx';
import { fakeApi, loggedInBoard } from '../support/fake-board.ts';
import { renderBoard } from '../support/render.tsx';

const appliedRun = (unassigned: UnassignedVisit[]): PlanningRun => ({
  id: 'r',
  agencyId: 'ag-aix',
  days: ['2026-03-10'],
  status: 'succeeded',
  preview: false,
  decision: null,
  decidedAt: null,
  progress: 1,
  error: null,
  result: {
    summary: {
      planned: 2,
      unassigned: unassigned.length,
      cost: 0,
      travelSeconds: 0,
      travelMeters: 0,
      solvingMs: 1,
      tours: 1,
      toursChanged: 1,
      interventionsChanged: 2,
    },
    unassigned,
    tours: [],
  },
  requestedById: null,
  createdAt: '2026-03-10T05:00:00Z',
  startedAt: null,
  finishedAt: null,
});

const record = {
  id: 'i-3',
  requiredSkills: [{ skillId: 'sk-pool', minLevel: 2 }],
  problemDescription: 'Pompe de filtration bruyante',
  equipmentId: null,
} as unknown as Intervention;

describe('UnassignedQueue', () => {
  it('lists what waits with the engine’s reason, skills and problem, and hands it to "find a technician"', async () => {
    const api = fakeApi({
      interventions: vi.fn(async () => [record]),
      appliedRun: vi.fn(async () => appliedRun([{ interventionId: 'i-3', reason: 'no_skill' }])),
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

  it('reads the reasons of the plan in force for the day, and says when parts will be there and which are missing', async () => {
    const appliedRunFn = vi.fn(async () =>
      appliedRun([{ interventionId: 'i-3', reason: 'parts_unavailable', availableFrom: '2026-12-03', missingParts: ['PAC-COMP-12', 'FLT-200'] }]),
    );
    const { controller } = await loggedInBoard(fakeApi({ interventions: vi.fn(async () => [record]), appliedRun: appliedRunFn }));
    expect(appliedRunFn).toHaveBeenCalledWith('ag-aix', '2026-03-10');
    renderBoard(<UnassignedQueue onFindTechnician={() => {}} />, controller);
    expect(await screen.findByText('Pièces indisponibles — disponibles le 3 déc.', { selector: '.chip' })).toBeTruthy();
    expect(screen.getByText('Réf. manquantes : PAC-COMP-12, FLT-200')).toBeTruthy();
    // The reason filter lists every reason, parts included.
    const filter = screen.getByRole('combobox', { name: 'Motif' });
    expect(within(filter).getByRole('option', { name: 'Pièces indisponibles' })).toBeTruthy();
    await userEvent.selectOptions(filter, 'capacity');
    expect(await screen.findByText('Aucune intervention ne correspond aux filtres.')).toBeTruthy();
    await userEvent.selectOptions(filter, 'parts_unavailable');
    expect(await screen.findByText('Camping des Pins — Pertuis')).toBeTruthy();
  });

  it('says when no supplier order covers the parts', async () => {
    const { controller } = await loggedInBoard(
      fakeApi({
        appliedRun: vi.fn(async () => appliedRun([{ interventionId: 'i-3', reason: 'parts_unavailable', availableFrom: null, missingParts: ['X-1'] }])),
      }),
    );
    renderBoard(<UnassignedQueue onFindTechnician={() => {}} />, controller);
    expect(await screen.findByText('Pièces indisponibles — aucune commande en cours', { selector: '.chip' })).toBeTruthy();
  });

  it('reloads the reasons when a planning run changes the day', async () => {
    let unassigned: UnassignedVisit[] = [];
    const appliedRunFn = vi.fn(async () => appliedRun(unassigned));
    const { controller, socket } = await loggedInBoard(fakeApi({ appliedRun: appliedRunFn }));
    renderBoard(<UnassignedQueue onFindTechnician={() => {}} />, controller);
    await screen.findByText('Camping des Pins — Pertuis');
    expect(screen.queryByText('Plus de place dans les tournées', { selector: '.chip' })).toBeNull();
    unassigned = [{ interventionId: 'i-3', reason: 'capacity' }];
    act(() =>
      socket.serve('plan:delta', {
        agencyId: 'ag-aix',
        date: '2026-03-10',
        epoch: 'e1',
        sequence: 11,
        reason: 'planning_run',
        tours: [],
        removedTours: [],
        interventions: [],
        removedInterventions: [],
        sentAt: '2026-03-10T07:00:00Z',
      }),
    );
    expect(await screen.findByText('Plus de place dans les tournées', { selector: '.chip' })).toBeTruthy();
    expect(appliedRunFn).toHaveBeenCalledTimes(2);
  });
});
