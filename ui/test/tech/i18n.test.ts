import { describe, expect, it } from 'vitest';
import { techEn } from '../../src/tech/i18n/en.ts';
import { techFr } from '../../src/tech/i18n/fr.ts';
import { createTechI18n, techT } from '../../src/tech/i18n/index.ts';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));

describe('technician app dictionaries', () => {
  it('have the same keys in French and English, none empty', () => {
    expect(keys(techEn).sort()).toEqual(keys(techFr).sort());
    for (const dict of [techFr, techEn])
      for (const key of keys(dict)) expect(key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], dict)).not.toBe('');
  });

  it('live in the tech namespace of the board’s instance, French by default', () => {
    const i18n = createTechI18n();
    expect(i18n.language).toBe('fr');
    const t = techT(i18n);
    expect(t('header.pending', { count: 1 })).toBe('1 action en attente');
    expect(t('header.pending', { count: 3 })).toBe('3 actions en attente');
    // The board's own words are still there (language switch, map attribution).
    expect(i18n.t('common.languages.en')).toBe('English');
    void i18n.changeLanguage('en');
    expect(t('tabs.parts')).toBe('Parts');
  });
});
