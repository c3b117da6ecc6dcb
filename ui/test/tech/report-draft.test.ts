// The visit report between the form and the outbox (report-draft.ts).
import { describe, expect, it } from 'vitest';
import type { FieldActionInput } from '@tournee/contracts/replication';
import { draftOfReport, parseValue, reportFields } from '../../src/tech/report-draft.ts';
import type { ReportDraft } from '../../src/tech/sync/types.ts';

const AT = '2026-11-28T11:00:00.000Z';
const draft = (over: Partial<ReportDraft> = {}): ReportDraft => ({
  interventionId: 'visit-1',
  workDone: '  Filtre nettoyé, pression réglée  ',
  timeSpentMinutes: 50,
  partsUsed: [
    { partId: 'p-filter', quantity: 1 },
    { partId: 'p-seal', quantity: 0 },
  ],
  configuration: { 'eq-1': { setpoint: '28', mode: 'auto', note: '', legacy: null }, 'eq-2': { note: '' } },
  photos: [{ photoId: 'ph-1', dataUrl: 'data:image/jpeg;base64,AA', width: 10, height: 10, takenAt: AT }],
  signedBy: ' Mme Dupont ',
  signature: 'data:image/png;base64,BB',
  updatedAt: AT,
  ...over,
});

describe('reportFields', () => {
  it('trims the text, drops parts not used and configuration keys left empty, and types the values', () => {
    expect(reportFields(draft(), AT)).toEqual({
      workDone: 'Filtre nettoyé, pression réglée',
      timeSpentMinutes: 50,
      partsUsed: [{ partId: 'p-filter', quantity: 1 }],
      configurationChanges: [{ equipmentId: 'eq-1', set: { setpoint: 28, mode: 'auto', legacy: null } }],
      signature: { signedBy: 'Mme Dupont', image: 'data:image/png;base64,BB' },
      photoIds: ['ph-1'],
      completedAt: AT,
    });
  });

  it('sends no signature without the signer’s name', () => {
    expect(reportFields(draft({ signedBy: '  ' }), AT).signature).toBeNull();
  });
});

describe('draftOfReport', () => {
  it('gives a refused report back to the form as it was entered, photos aside', () => {
    const action: Extract<FieldActionInput, { kind: 'complete' }> = {
      kind: 'complete',
      id: 'a-1',
      createdAt: AT,
      interventionId: 'visit-1',
      baseVersion: 4,
      ...reportFields(draft(), AT),
    };
    expect(draftOfReport(action, AT)).toEqual({
      interventionId: 'visit-1',
      workDone: 'Filtre nettoyé, pression réglée',
      timeSpentMinutes: 50,
      partsUsed: [{ partId: 'p-filter', quantity: 1 }],
      configuration: { 'eq-1': { setpoint: '28', mode: 'auto', legacy: null } },
      photos: [],
      signedBy: 'Mme Dupont',
      signature: 'data:image/png;base64,BB',
      updatedAt: AT,
    });
  });
});

describe('parseValue', () => {
  it('types configuration values', () => {
    expect(parseValue('45')).toBe(45);
    expect(parseValue('-2.5')).toBe(-2.5);
    expect(parseValue('true')).toBe(true);
    expect(parseValue('R32')).toBe('R32');
    expect(parseValue('12 bar')).toBe('12 bar');
  });
});
