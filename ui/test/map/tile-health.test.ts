// When the map gives up on street tiles and falls back to the offline outline.
import { describe, expect, it } from 'vitest';
import { FAILURES_BEFORE_FALLBACK, TileHealth } from '../../src/map/tile-health.ts';

describe('TileHealth', () => {
  it('waits for the first tiles, then says they work', () => {
    const health = new TileHealth();
    expect(health.verdict()).toBe('waiting');
    expect(health.error()).toBe('waiting');
    expect(health.load()).toBe('working');
  });

  it('fails after a few errors with no tile loaded', () => {
    const health = new TileHealth();
    let verdict = health.verdict();
    for (let i = 0; i < FAILURES_BEFORE_FALLBACK; i++) verdict = health.error();
    expect(verdict).toBe('failing');
  });

  it('keeps a working server working when some tiles are missing', () => {
    const health = new TileHealth();
    health.load();
    for (let i = 0; i < 20; i++) expect(health.error()).toBe('working');
  });

  it('fails when no tile came before the time-out (a hung connection sends no error)', () => {
    expect(new TileHealth().timeout()).toBe('failing');
    const working = new TileHealth();
    working.load();
    expect(working.timeout()).toBe('working');
  });
});
