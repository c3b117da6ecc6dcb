// The warranty line of the visit sheet: covered today (by what, until when),
// expired (since when), or none known.
import { describe, expect, it } from 'vitest';
import { warrantyStatus } from '../../src/replication/warranty.ts';

describe('warrantyStatus', () => {
  const today = '2026-06-15';
  it.each([
    ['no warranty at all', null, [], { status: 'none', endsOn: null, kind: null }],
    ['the equipment’s own end date, still running', '2026-12-31', [], { status: 'covered', endsOn: '2026-12-31', kind: null }],
    ['the equipment’s own end date, past', '2025-01-31', [], { status: 'expired', endsOn: '2025-01-31', kind: null }],
    [
      'ends today: still covered',
      null,
      [{ kind: 'manufacturer', startsOn: '2024-06-15', endsOn: today }],
      { status: 'covered', endsOn: today, kind: 'manufacturer' },
    ],
    [
      'the longest running one wins',
      null,
      [
        { kind: 'manufacturer', startsOn: '2024-01-01', endsOn: '2026-12-31' },
        { kind: 'extended', startsOn: '2026-01-01', endsOn: '2029-12-31' },
        { kind: 'ours', startsOn: '2020-01-01', endsOn: '2021-01-01' },
      ],
      { status: 'covered', endsOn: '2029-12-31', kind: 'extended' },
    ],
    [
      'not started yet, an older one expired',
      null,
      [
        { kind: 'extended', startsOn: '2027-01-01', endsOn: '2030-01-01' },
        { kind: 'manufacturer', startsOn: '2022-01-01', endsOn: '2024-01-01' },
      ],
      { status: 'expired', endsOn: '2024-01-01', kind: 'manufacturer' },
    ],
  ] as const)('%s', (_name, equipmentEnd, warranties, expected) => {
    expect(warrantyStatus(today, equipmentEnd, warranties)).toEqual(expected);
  });
});
