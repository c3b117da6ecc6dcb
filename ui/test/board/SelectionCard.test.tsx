// The selected visit's card over the map: what it says of when the visit is planned.
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SelectionCard } from '../../src/board/SelectionCard.tsx';
import { fakeApi, loggedInBoard } from '../support/fake-board.ts';
import { renderBoard } from '../support/render.tsx';

describe('SelectionCard', () => {
  it('gives a planned visit its hours, and says a queued one is not planned yet instead of empty times', async () => {
    const { controller } = await loggedInBoard(fakeApi());
    renderBoard(<SelectionCard />, controller);
    act(() => controller.select({ interventionId: 'i-1' }));
    expect((await screen.findByRole('region', { name: 'Sélection' })).textContent).toContain('Prévue 09:00–10:00 · 1 h');
    act(() => controller.select({ interventionId: 'i-3' }));
    const card = await screen.findByRole('region', { name: 'Sélection' });
    expect(card.textContent).toContain('Pas encore planifiée · 1 h 00');
    expect(card.textContent).not.toContain('Prévue');
  });
});
