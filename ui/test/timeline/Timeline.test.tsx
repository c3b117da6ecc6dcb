import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/api/http.ts';
import { Notices } from '../../src/board/Notices.tsx';
import { Timeline } from '../../src/timeline/Timeline.tsx';
import type { Api } from '../../src/api/endpoints.ts';
import { DAY, fakeApi, loggedInBoard } from '../support/fake-board.ts';
import { snapshot, tours } from '../support/fixtures.ts';
import { renderBoard } from '../support/render.tsx';

describe('Timeline', () => {
  it('shows one row per technician with their visits, travel and break', async () => {
    const { controller } = await loggedInBoard();
    renderBoard(<Timeline />, controller);
    const alice = screen.getByRole('row', { name: /Alice Martin/ });
    expect(
      within(alice)
        .getAllByRole('button', { name: /^Arrêt/ })
        .map((b) => b.getAttribute('data-intervention-id')),
    ).toEqual(['i-1', 'i-2']);
    expect(alice.querySelectorAll('.timeline-travel')).toHaveLength(2);
    expect(alice.querySelector('.timeline-break')).not.toBeNull();
    expect(screen.getByRole('row', { name: /Bruno Durand/ }).querySelectorAll('.timeline-visit')).toHaveLength(0);
  });

  it('moves a visit to another technician with the keyboard, previews it, and saves it with the versions seen', async () => {
    const assign = vi.fn(async () => ({}) as Awaited<ReturnType<Api['assign']>>);
    const { controller } = await loggedInBoard(fakeApi({ assign }));
    renderBoard(
      <>
        <Timeline />
        <Notices />
      </>,
      controller,
    );
    const visit = screen.getByRole('button', { name: /Arrêt 2 : Leroy/ });
    visit.focus();
    await userEvent.keyboard('{Enter}');
    await userEvent.keyboard('{ArrowDown}');
    await waitFor(() => expect(document.querySelector('.drag-card')?.textContent).toMatch(/Vers Bruno Durand · arrivée \d\d:\d\d/));
    expect(document.querySelector('.drag-card')?.textContent).not.toContain('temps estimés');
    expect(screen.getByTestId('drag-preview').className).toMatch(/is-(ok|warning)/);
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(assign).toHaveBeenCalledTimes(1));
    expect(assign).toHaveBeenCalledWith('i-2', { technicianId: 't-bruno', day: '2026-03-10', position: 0, version: 3 });
    expect(await screen.findByText('« Leroy — Gardanne » déplacée.')).toBeTruthy();
  });

  it('previews what the server’s engine says, and refuses a technician it refuses (absent all day) without saving', async () => {
    const assign = vi.fn();
    const evaluateMove = vi.fn(async (interventionId: string, input: Parameters<Api['evaluateMove']>[1]) => ({
      interventionId,
      technicianId: input.technicianId,
      day: DAY,
      position: 0,
      eta: null,
      plannedStart: null,
      plannedEnd: null,
      addedTravelSeconds: 0,
      addedTravelMeters: 0,
      overtimeSeconds: 0,
      overtimeBeforeSeconds: 0,
      slaMet: null,
      delayed: [],
      pushedOut: [],
      refusal: { reason: 'no_shift' as const, message: `the technician is absent on ${DAY} (training)`, absence: 'training' as const },
      warnings: [],
      travelTimes: 'estimated' as const,
    }));
    const { controller } = await loggedInBoard(fakeApi({ assign, evaluateMove }));
    renderBoard(
      <>
        <Timeline />
        <Notices />
      </>,
      controller,
    );
    screen.getByRole('button', { name: /Arrêt 2 : Leroy/ }).focus();
    await userEvent.keyboard('{Enter}{ArrowDown}');
    await waitFor(() => expect(document.querySelector('.drag-card')?.textContent).toMatch(/Impossible ici.*Absent ce jour : Formation/));
    expect(document.querySelector('.drag-card')?.textContent).not.toContain('t-bruno');
    expect(evaluateMove).toHaveBeenCalledWith('i-2', expect.objectContaining({ technicianId: 't-bruno', day: DAY }));
    expect(screen.getByTestId('drag-preview').className).toMatch(/is-blocked/);
    await userEvent.keyboard('{Enter}');
    expect((await screen.findAllByText('Ce technicien ne peut pas prendre cette visite.')).length).toBeGreaterThan(0);
    expect(assign).not.toHaveBeenCalled();
  });

  it('refuses with a clear message and reloads the tour when someone else changed it', async () => {
    const assign = vi.fn(async () => {
      throw new ApiError(409, 'stale version 3; current is 4');
    });
    const { controller, socket } = await loggedInBoard(fakeApi({ assign }));
    const moved = { ...tours[0]!, version: 8, stops: tours[0]!.stops.slice(0, 1) };
    socket.snapshots.push(snapshot({ sequence: 12, tours: [moved] }));
    renderBoard(
      <>
        <Timeline />
        <Notices />
      </>,
      controller,
    );
    screen.getByRole('button', { name: /Arrêt 2 : Leroy/ }).focus();
    await userEvent.keyboard('{Enter}{ArrowDown}{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('modifiée par quelqu’un d’autre');
    // The reloaded tour no longer has Leroy.
    await waitFor(() => expect(screen.queryByRole('button', { name: /Arrêt 2 : Leroy/ })).toBeNull());
    expect(socket.emitted.filter((e) => e.event === 'plan:resync').length).toBeGreaterThanOrEqual(2);
  });

  it('cancels a keyboard move with Escape', async () => {
    const assign = vi.fn();
    const { controller } = await loggedInBoard(fakeApi({ assign }));
    renderBoard(<Timeline />, controller);
    screen.getByRole('button', { name: /Arrêt 1 : Dupont/ }).focus();
    await userEvent.keyboard('{Enter}{ArrowRight}{Escape}');
    expect(controller.drag.get()).toBeNull();
    expect(assign).not.toHaveBeenCalled();
  });

  it('follows plan deltas', async () => {
    const { controller, socket } = await loggedInBoard();
    renderBoard(<Timeline />, controller);
    const t = tours[0]!;
    act(() =>
      socket.serve('plan:delta', {
        agencyId: t.agencyId,
        date: t.date,
        epoch: 'e1',
        sequence: 11,
        reason: 'reorder',
        tours: [{ ...t, version: 8, stops: [t.stops[1]!, t.stops[0]!] }],
        removedTours: [],
        interventions: [],
        removedInterventions: [],
        sentAt: '',
      }),
    );
    const alice = screen.getByRole('row', { name: /Alice Martin/ });
    expect(
      within(alice)
        .getAllByRole('button', { name: /^Arrêt/ })
        .map((b) => b.getAttribute('data-intervention-id')),
    ).toEqual(['i-2', 'i-1']);
  });
});
