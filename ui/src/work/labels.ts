// How customers, sites and equipment read in the work screens: each address
// once (a site's name only when it says something the address does not), the
// equipment in words, never a code or an id.
import { categoryLabel } from '../tech/equipment-labels.ts';
import type { EquipmentHit, SiteHit } from './api.ts';

export function siteTitle(site: Pick<SiteHit, 'name' | 'address'>): string {
  const name = site.name?.trim();
  return name && name.toLowerCase() !== site.address.trim().toLowerCase() ? name : site.address;
}

/** The address line under the title: the street only when the title is not already it. */
export function siteAddress(site: Pick<SiteHit, 'name' | 'address' | 'postcode' | 'city'>): string {
  const town = `${site.postcode} ${site.city}`.trim();
  return siteTitle(site) === site.address ? town : `${site.address}, ${town}`;
}

export function equipmentLabel(e: Pick<EquipmentHit, 'category' | 'brand' | 'model'>, language: string): string {
  return [categoryLabel(e.category, language), e.brand, e.model].filter((part) => part && part.trim()).join(' ');
}
