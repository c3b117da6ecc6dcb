import { describe, expect, it } from 'vitest';
import { shortLabel } from '../../src/timeline/short-label.ts';

describe('shortLabel', () => {
  it('keeps a person’s surname and the town, and a company’s whole name', () => {
    expect(shortLabel('M. et Mme Patrick Simon — Pélissanne')).toBe('Simon · Pélissanne');
    expect(shortLabel('Mme Inès Simon — Coudoux')).toBe('Simon · Coudoux');
    expect(shortLabel('Camping des Pins — Pertuis')).toBe('Camping des Pins · Pertuis');
    expect(shortLabel('Dupont')).toBe('Dupont');
  });
});
