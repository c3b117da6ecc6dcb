// The board's day is written in the board's language over the native date
// picker (issue 12, point 8: "12/07/2026" beside « Lun. 7 Déc. »).
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DayField } from '../../src/board/DayField.tsx';
import { loggedInBoard } from '../support/fake-board.ts';
import { renderBoard } from '../support/render.tsx';

describe('DayField', () => {
  it('writes the day the French way, names it for assistive tools, and picks a day', async () => {
    const { controller } = await loggedInBoard();
    const onChange = vi.fn();
    const { container } = renderBoard(<DayField date="2026-12-07" label="Jour affiché" onChange={onChange} />, controller);
    expect(container.querySelector('.day-field-long')!.textContent).toBe('Lun. 7 déc. 2026');
    expect(container.textContent).not.toMatch(/12\/07\/2026|2026-12-07/);
    const input = screen.getByLabelText('Jour affiché : Lun. 7 déc. 2026');
    fireEvent.change(input, { target: { value: '2026-12-08' } });
    expect(onChange).toHaveBeenCalledWith('2026-12-08');
  });

  it('follows the board’s language', async () => {
    const { controller } = await loggedInBoard();
    const { container } = renderBoard(<DayField date="2026-12-07" label="Day" onChange={() => {}} />, controller, 'en');
    expect(container.querySelector('.day-field-long')!.textContent).toBe('Mon, Dec 7, 2026');
  });
});
