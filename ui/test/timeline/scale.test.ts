import { describe, expect, it } from 'vitest';
import { timeScale } from '../../src/timeline/scale.ts';

describe('timeScale', () => {
  const scale = timeScale({ from: 420, to: 1140 }); // 07:00 to 19:00

  it('places minutes as a share of the visible range', () => {
    expect(scale.at(420)).toBe('0%');
    expect(scale.at(780)).toBe('50%');
    expect(scale.at(1140)).toBe('100%');
    expect(scale.span(600, 780)).toBe('25%');
  });

  it('gives a reversed interval no width', () => {
    expect(scale.span(700, 600)).toBe('0%');
  });

  it('marks every whole hour of the range, both ends included', () => {
    expect(scale.hours).toEqual([420, 480, 540, 600, 660, 720, 780, 840, 900, 960, 1020, 1080, 1140]);
  });
});
