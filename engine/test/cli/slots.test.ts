import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Slot } from '../../src/field-service/types.ts';
import { configOf, examples, runCli, usageErrorOf } from './support.ts';

describe('tournee slots: options', () => {
  it('gives the documented defaults, and reads --count', () => {
    expect(configOf(['slots'])).toEqual({ input: undefined, output: undefined, pretty: false, osrm: undefined, osrmProfile: 'driving', count: undefined });
    expect(configOf(['slots', '--count', '8', '-i', 's.json'])).toMatchObject({ count: 8, input: 's.json' });
  });

  it.each([
    [['slots', '--count', '-1'], /argument '-1' is invalid/],
    [['slots', '--seed', '2'], /unknown option '--seed'/],
  ])('rejects %j with exit 2 and a message', (argv, message) => {
    expect(usageErrorOf(argv)).toMatch(message);
  });
});

describe('tournee slots, as a child process, on engine/examples', () => {
  it('proposes slots ranked by cost, --count overriding the file', async () => {
    const result = await runCli(['slots', '-i', join(examples, 'slots.json'), '--count', '3']);
    expect(result.status).toBe(0);
    const { slots } = JSON.parse(result.stdout) as { slots: Slot[] };
    expect(slots).toHaveLength(3);
    expect(slots.map((s) => s.cost)).toEqual(slots.map((s) => s.cost).sort((a, b) => a - b));
    for (const slot of slots) {
      expect(slot.window[1] - slot.window[0]).toBe(7200);
      expect(slot.eta).toBeGreaterThanOrEqual(slot.window[0]);
      expect(slot.eta).toBeLessThanOrEqual(slot.window[1]);
    }
  });

  it('answers a missing key with code 2 and names it', async () => {
    const missing = await runCli(['slots'], JSON.stringify({ problem: {}, visit: {} }));
    expect(missing.status).toBe(2);
    expect(JSON.parse(missing.stdout)).toEqual({ code: 2, error: 'input: plan: is required (the current plan, as `tournee plan` writes it)' });
    const notObject = await runCli(['slots'], '[]');
    expect(JSON.parse(notObject.stdout)).toEqual({ code: 2, error: 'input: must be an object with problem, plan and visit' });
  });
});
