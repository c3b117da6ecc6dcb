// Which part of the board is on screen: the live planning, or one of the
// back office's screens. Kept in the URL's hash (#/stock) so a reload, a
// bookmark or the browser's back button lands where the user was.
import { useSyncExternalStore } from 'react';

export const SECTIONS = ['planning', 'stock', 'warranties', 'billing', 'overdue', 'import', 'webhooks'] as const;
export type Section = (typeof SECTIONS)[number];

export function sectionOfHash(hash: string): Section {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (SECTIONS as readonly string[]).includes(name) ? (name as Section) : 'planning';
}

export function hashOfSection(section: Section): string {
  return section === 'planning' ? '#/' : `#/${section}`;
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** The section shown, following the hash. */
export function useSection(): Section {
  return useSyncExternalStore(
    subscribe,
    () => sectionOfHash(window.location.hash),
    () => 'planning',
  );
}
