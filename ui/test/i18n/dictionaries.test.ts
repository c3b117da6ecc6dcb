import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { fr } from '../../src/i18n/fr.ts';
import { createI18n } from '../../src/i18n/index.ts';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));

describe('dictionaries', () => {
  it('have the same keys in French and English, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(fr).sort());
    for (const dict of [fr, en])
      for (const key of keys(dict)) expect(key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], dict)).not.toBe('');
  });

  it('speak French by default, with plurals', () => {
    const i18n = createI18n();
    expect(i18n.language).toBe('fr');
    expect(i18n.t('timeline.rowSummary', { count: 1, until: '17:00' })).toBe('1 visite · fin 17:00');
    expect(i18n.t('timeline.rowSummary', { count: 3, until: '17:00' })).toBe('3 visites · fin 17:00');
  });
});
