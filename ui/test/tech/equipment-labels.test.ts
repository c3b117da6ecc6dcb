import { describe, expect, it } from 'vitest';
import { categoryLabel, configKeyLabel, configValueLabel } from '../../src/tech/equipment-labels.ts';

describe('equipment labels', () => {
  it('names the usual categories and configuration keys in French, English on demand', () => {
    expect(categoryLabel('air_conditioner', 'fr')).toBe('Climatiseur');
    expect(categoryLabel('air_conditioner', 'en')).toBe('Air conditioner');
    expect(configKeyLabel('refrigerant_charge_kg', 'fr')).toBe('Charge de fluide (kg)');
    expect(configKeyLabel('indoor_type', 'fr')).toBe('Type d’unité intérieure');
  });

  it('shows an unknown code humanised rather than raw', () => {
    expect(categoryLabel('solar_thermal', 'fr')).toBe('Solar thermal');
    expect(configKeyLabel('max_flow_m3h', 'fr')).toBe('Max flow m3h');
  });

  it('reads values as a person would: yes or no, the language decimal sign', () => {
    expect(configValueLabel(true, 'fr')).toBe('Oui');
    expect(configValueLabel(false, 'fr')).toBe('Non');
    expect(configValueLabel(true, 'en')).toBe('Yes');
    expect(configValueLabel(1.5, 'fr')).toBe('1,5');
    expect(configValueLabel(null, 'fr')).toBe('');
    expect(configValueLabel('R32', 'fr')).toBe('R32');
  });
});
