// "Naviguer": links that hand the visit's address to a navigation app on the
// technician's phone. Three, because phones differ: the `geo:` URI opens the
// phone's own choice of app (Android asks which), Google Maps and Waze by their
// universal links (their app when installed, else their web page). With
// coordinates the links point at the exact spot; without, at the written address.
import type { VisitSheet } from '@tournee/contracts/replication';

export type NavigationApp = 'geo' | 'google' | 'waze';

export interface NavigationLink {
  readonly app: NavigationApp;
  readonly href: string;
}

type Place = Pick<VisitSheet['site'], 'lat' | 'lon' | 'address' | 'postcode' | 'city'>;

/** The address in one line, as a search box wants it: "12 rue des Lilas, 13100 Aix-en-Provence". */
export function addressLine(site: Place): string {
  const town = [site.postcode, site.city].filter(Boolean).join(' ');
  return [site.address, town].filter((part) => part && part.trim()).join(', ');
}

/** Five decimals: about a metre, what a navigation app needs. */
const coordinate = (value: number): string => String(Math.round(value * 1e5) / 1e5);

/** The three links for a site; an empty list when it has neither coordinates nor an address. */
export function navigationLinks(site: Place, label?: string): NavigationLink[] {
  const address = addressLine(site);
  if (site.lat !== null && site.lon !== null) {
    const at = `${coordinate(site.lat)},${coordinate(site.lon)}`;
    const name = label?.trim() || address;
    return [
      // RFC 5870 with Android's q= extension: the pin at the spot, named.
      { app: 'geo', href: `geo:${at}?q=${at}${name ? `(${encodeURIComponent(name)})` : ''}` },
      { app: 'google', href: `https://www.google.com/maps/dir/?api=1&destination=${at}&travelmode=driving` },
      { app: 'waze', href: `https://waze.com/ul?ll=${encodeURIComponent(at)}&navigate=yes` },
    ];
  }
  if (!address) return [];
  const q = encodeURIComponent(address);
  return [
    { app: 'geo', href: `geo:0,0?q=${q}` },
    { app: 'google', href: `https://www.google.com/maps/dir/?api=1&destination=${q}&travelmode=driving` },
    { app: 'waze', href: `https://waze.com/ul?q=${q}&navigate=yes` },
  ];
}

/** `tel:` link for a number as typed ("04 42 12 34 56" → tel:0442123456; "+33 4 …" keeps its plus). */
export function telHref(phone: string): string | null {
  const digits = phone.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  return digits.replace(/\+/g, '').length >= 3 ? `tel:${digits}` : null;
}
