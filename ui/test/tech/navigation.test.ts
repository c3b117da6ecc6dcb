// "Naviguer" and "Appeler" on the technician's visit card (issue 12).
import { describe, expect, it } from 'vitest';
import { addressLine, navigationLinks, telHref } from '../../src/tech/navigation.ts';

const site = { address: '12 rue des Lilas', postcode: '13100', city: 'Aix-en-Provence', lat: 43.5297312, lon: 5.4474251 };

describe('navigation links', () => {
  it('points the phone’s GPS, Google Maps and Waze at the site’s coordinates', () => {
    expect(navigationLinks(site, 'Villa Les Pins')).toEqual([
      { app: 'geo', href: 'geo:43.52973,5.44743?q=43.52973,5.44743(Villa%20Les%20Pins)' },
      { app: 'google', href: 'https://www.google.com/maps/dir/?api=1&destination=43.52973,5.44743&travelmode=driving' },
      { app: 'waze', href: 'https://waze.com/ul?ll=43.52973%2C5.44743&navigate=yes' },
    ]);
  });

  it('falls back to the written address when the site is not located', () => {
    const links = navigationLinks({ ...site, lat: null, lon: null });
    const q = encodeURIComponent('12 rue des Lilas, 13100 Aix-en-Provence');
    expect(links.map((l) => l.href)).toEqual([
      `geo:0,0?q=${q}`,
      `https://www.google.com/maps/dir/?api=1&destination=${q}&travelmode=driving`,
      `https://waze.com/ul?q=${q}&navigate=yes`,
    ]);
  });

  it('offers nothing when there is nowhere to go', () => {
    expect(navigationLinks({ address: ' ', postcode: '', city: '', lat: null, lon: null })).toEqual([]);
    expect(addressLine({ address: '3 chemin du Puits', postcode: '', city: 'Pertuis', lat: null, lon: null })).toBe('3 chemin du Puits, Pertuis');
  });
});

describe('telHref', () => {
  it('dials French numbers as typed, spaces and dots removed, the plus kept', () => {
    expect(telHref('04 42 12 34 56')).toBe('tel:0442123456');
    expect(telHref('+33 4.42.12.34.56')).toBe('tel:+33442123456');
    expect(telHref('n/a')).toBeNull();
  });
});
