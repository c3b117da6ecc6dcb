import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/i18n/index.ts';
import type { Preview } from '../../src/timeline/move-preview.ts';
import { previewText } from '../../src/timeline/preview-text.ts';

const t = createI18n('fr').t;

const preview = (over: Partial<Preview> = {}): Preview => ({
  position: 1,
  arrival: 605,
  start: 610,
  end: 655,
  extraTravelSeconds: 900,
  delayedVisits: 0,
  pushedOut: 0,
  overtimeMinutes: 0,
  verdict: 'ok',
  problems: [],
  refusal: null,
  absence: null,
  estimated: false,
  ...over,
});

describe('previewText', () => {
  it('says the technician is being checked while the server has not answered', () => {
    expect(previewText(t, 'Bruno Durand', null)).toBe('Vers Bruno Durand · calcul…');
  });

  it('says arrival, start and added travel of a feasible move', () => {
    expect(previewText(t, 'Bruno Durand', preview())).toBe('Vers Bruno Durand · arrivée 10:05 · début 10:10 · +15 min de trajet');
  });

  it('adds the visits delayed, each problem with its size, and that times are estimated', () => {
    const text = previewText(
      t,
      'Bruno Durand',
      preview({ verdict: 'warning', delayedVisits: 2, overtimeMinutes: 75, problems: ['overtime'], estimated: true }),
    );
    expect(text).toBe('Vers Bruno Durand · arrivée 10:05 · début 10:10 · +15 min de trajet · 2 visites décalées · Heures sup. 1 h 15 · temps estimés');
  });

  it('says why the server refuses the move in French, never its own sentence (which names ids)', () => {
    const text = previewText(t, 'Bruno Durand', preview({ verdict: 'blocked', problems: ['no_shift'], refusal: 'the technician does not work on 2026-03-10' }));
    expect(text).toBe('Vers Bruno Durand · Pas de service ce jour');
  });

  it('names the absence that keeps the technician away', () => {
    const text = previewText(
      t,
      'Bruno Durand',
      preview({ verdict: 'blocked', problems: ['absent'], absence: 'training', refusal: 'the technician is absent on 2026-03-10 (training)' }),
    );
    expect(text).toBe('Vers Bruno Durand · Absent ce jour : Formation');
  });
});
