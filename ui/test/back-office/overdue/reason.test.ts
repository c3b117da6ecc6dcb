import { describe, expect, it } from 'vitest';
import { dueReason, lateness } from '../../../src/back-office/overdue/reason.ts';
import { createI18n } from '../../../src/i18n/index.ts';

const fr = createI18n('fr');
const t = fr.t.bind(fr);
const dated = {
  trigger: 'frequency' as const,
  dueOn: '2026-11-03',
  daysOverdue: 12,
  counterName: null,
  counterUnit: null,
  counterReading: null,
  dueCounter: null,
};
const counted = {
  trigger: 'usage_counter' as const,
  dueOn: null,
  daysOverdue: null,
  counterName: 'operating_hours',
  counterUnit: 'h',
  counterReading: 5120,
  dueCounter: 5000,
};

describe('overdue visit reasons', () => {
  it('says the due day and the days late', () => {
    expect(dueReason(dated, t, 'fr')).toBe('Prévue le 03/11/2026');
    expect(lateness(dated, t, 'fr')).toBe('12 jours');
    expect(lateness({ ...dated, daysOverdue: 1 }, t, 'fr')).toBe('1 jour');
  });

  it('names the counter, its reading and threshold with units in French number format, and how far past it', () => {
    expect(dueReason(counted, t, 'fr').replace(/\u202f/g, ' ')).toBe('Compteur Heures de fonctionnement : 5 120 h ≥ 5 000 h');
    expect(lateness(counted, t, 'fr')).toBe('+120 h');
  });

  it('humanises a manufacturer’s own counter rather than showing its code', () => {
    const own = { ...counted, counterName: 'pump_cycles_total', counterUnit: 'cycles', counterReading: 1500.5, dueCounter: 1500 };
    expect(dueReason(own, t, 'fr').replace(/\u202f/g, ' ')).toBe('Compteur Pump cycles total : 1 500,5 cycles ≥ 1 500 cycles');
  });
});
