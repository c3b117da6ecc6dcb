// Leaflet measures its container once; a map that starts hidden (the phone's
// "Carte" view, a tab) or whose box changes with the layout would keep drawing
// for the old size — grey bands, tiles missing, the view off-centre. This tells
// it when the box changes (keeping the same centre: invalidateSize pans by default).
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

export function KeepSize() {
  const map = useMap();
  useEffect(() => {
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(() => map.invalidateSize());
    observer.observe(map.getContainer());
    return () => observer.disconnect();
  }, [map]);
  return null;
}
