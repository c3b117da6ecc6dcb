// The timeline's day as it is and its safe edits (issue 12): absences drawn
// with their reason, a costly drop asks first, the last moves can be undone
// (Ctrl-Z or "Annuler" in the notice).
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../../src/api/endpoints.ts';
import type { Absence } from '../../src/api/types.ts';
import { Notices } from '../../src/board/Notices.tsx';
import { SelectionCard } from '../../src/board/SelectionCard.tsx';
import { Timeline } from '../../src/timeline/Timeline.tsx';
import { DAY, fakeApi, loggedInBoard } from '../support/fake-board.ts';
import { at } from '../support/fixtures.ts';
import { renderBoard } from '../support/render.tsx';

const training: Absence = {
  id: 'ab-1',
  technicianId: 't-bruno',
  kind: 'training',
  startsAt: at('00:00'),
  endsAt: at('23:59'),
  note: 'Habilitation fluides frigorigènes',
  createdAt: at('00:00'),
};

const render = async (api: Api) => {
  const { controller } = await loggedInBoard(api);
  renderBoard(
    <>
      <Timeline />
      <Notices />
    </>,
    controller,
  );
  return controller;
};

/** The fake engine's answer with some overtime. */
const withOvertime = (): Api['evaluateMove'] =>
  vi.fn(async (interventionId: string, input: Parameters<Api['evaluateMove']>[1]) => {
    const base = await fakeApi().evaluateMove(interventionId, input);
    return { ...base, overtimeSeconds: 2 * 3600 + 45 * 60, overtimeBeforeSeconds: 0 };
  });

describe('Timeline: the day as it is', () => {
  it('draws a technician away all day as a hatched band with the reason, without hours or lunch', async () => {
    await render(fakeApi({ absences: vi.fn(async (id: string) => (id === 't-bruno' ? [training] : [])) }));
    const bruno = await screen.findByRole('row', { name: /Bruno Durand/ });
    await waitFor(() => expect(within(bruno).getByTestId('away-band').textContent).toBe('Formation toute la journée'));
    expect(within(bruno).getByTestId('away-band').getAttribute('title')).toContain('Habilitation fluides frigorigènes');
    expect(bruno.querySelector('.timeline-shift')).toBeNull();
    expect(bruno.querySelector('.timeline-break')).toBeNull();
    expect(bruno.querySelector('.timeline-off')).toBeNull();
    expect(within(bruno).getByRole('rowheader').textContent).toContain('Formation');
    // Alice works as usual.
    const alice = screen.getByRole('row', { name: /Alice Martin/ });
    expect(within(alice).queryByTestId('away-band')).toBeNull();
    expect(alice.querySelector('.timeline-shift')).not.toBeNull();
  });

  it('says why in the selected technician’s card over the map, part of the day with its hours', async () => {
    const doctor: Absence = { ...training, kind: 'other', startsAt: at('14:00'), endsAt: at('16:30'), note: null };
    const { controller } = await loggedInBoard(fakeApi({ absences: vi.fn(async (id: string) => (id === 't-bruno' ? [doctor] : [])) }));
    renderBoard(<SelectionCard />, controller);
    await waitFor(() => expect(controller.store.get().absences['t-bruno']).toHaveLength(1));
    act(() => controller.select({ technicianId: 't-bruno' }));
    expect((await screen.findByTestId('selection-away')).textContent).toBe('Absent de 14:00 à 16:30');
  });
});

describe('Timeline: safe edits', () => {
  it('asks before a drop that adds overtime: "Ne pas déplacer" saves nothing, "Déplacer quand même" saves', async () => {
    const assign = vi.fn(async () => ({ interventionVersion: 4 }) as Awaited<ReturnType<Api['assign']>>);
    await render(fakeApi({ assign, evaluateMove: withOvertime() }));
    screen.getByRole('button', { name: /Arrêt 2 : Leroy/ }).focus();
    await userEvent.keyboard('{Enter}{ArrowDown}');
    await waitFor(() => expect(document.querySelector('.drag-card')?.textContent).toMatch(/Heures sup\. 2 h 45/));
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('Déplacer « Leroy — Gardanne » vers Bruno Durand ?');
    expect(dialog.textContent).toContain('Ajoute 2 h 45 d’heures supplémentaires.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Ne pas déplacer' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(assign).not.toHaveBeenCalled();

    screen.getByRole('button', { name: /Arrêt 2 : Leroy/ }).focus();
    await userEvent.keyboard('{Enter}{ArrowDown}');
    await waitFor(() => expect(document.querySelector('.drag-card')?.textContent).toMatch(/Heures sup\./));
    await userEvent.keyboard('{Enter}');
    await userEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Déplacer quand même' }));
    await waitFor(() => expect(assign).toHaveBeenCalledTimes(1));
    expect(assign).toHaveBeenCalledWith('i-2', { technicianId: 't-bruno', day: DAY, position: 0, version: 3 });
  });

  it('saves a drop that costs nothing at once, then undoes it from the notice and with Ctrl-Z', async () => {
    let version = 3;
    const assign = vi.fn(async () => ({ interventionVersion: ++version }) as Awaited<ReturnType<Api['assign']>>);
    const controller = await render(fakeApi({ assign }));
    screen.getByRole('button', { name: /Arrêt 2 : Leroy/ }).focus();
    await userEvent.keyboard('{Enter}{ArrowDown}{Enter}');
    await waitFor(() => expect(assign).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    const notice = (await screen.findByText('« Leroy — Gardanne » déplacée.')).closest('.notice') as HTMLElement;
    await userEvent.click(within(notice).getByRole('button', { name: 'Annuler' }));
    // Back to Alice, second place, with the version the move left it at.
    await waitFor(() => expect(assign).toHaveBeenCalledTimes(2));
    expect(assign).toHaveBeenLastCalledWith('i-2', { technicianId: 't-alice', day: DAY, position: 1, version: 4 });
    expect(await screen.findByText('Déplacement de « Leroy — Gardanne » annulé.')).toBeTruthy();
    expect(controller.canUndo()).toBe(false);

    // Once more, undone with Ctrl-Z this time.
    screen.getByRole('button', { name: /Arrêt 2 : Leroy/ }).focus();
    await userEvent.keyboard('{Enter}{ArrowDown}{Enter}');
    await waitFor(() => expect(assign).toHaveBeenCalledTimes(3));
    await userEvent.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(assign).toHaveBeenCalledTimes(4));
    expect(assign).toHaveBeenLastCalledWith('i-2', { technicianId: 't-alice', day: DAY, position: 1, version: 6 });
  });

  it('says a refused undo plainly, naming the visit, not an id', async () => {
    let calls = 0;
    const assign = vi.fn(async () => {
      if (++calls === 2) throw Object.assign(new Error('stale version 4; current is 5'), { status: 409 });
      return { interventionVersion: 4 } as Awaited<ReturnType<Api['assign']>>;
    });
    const controller = await render(fakeApi({ assign }));
    screen.getByRole('button', { name: /Arrêt 2 : Leroy/ }).focus();
    await userEvent.keyboard('{Enter}{ArrowDown}{Enter}');
    await waitFor(() => expect(assign).toHaveBeenCalledTimes(1));
    await controller.undo();
    expect(await screen.findByText('Impossible d’annuler le déplacement de « Leroy — Gardanne » : la tournée a changé entre-temps.')).toBeTruthy();
  });
});
