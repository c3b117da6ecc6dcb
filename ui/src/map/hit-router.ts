// Clicks and hovers on the canvas layers: asked top layer first, so a
// technician drawn over an intervention gets the click, and one tooltip and
// one cursor serve them all.
import L from 'leaflet';
import type { Hit } from './canvas-overlay.ts';

export interface HitSource {
  hitTest(point: L.Point): Hit | null;
  activate(hit: Hit): void;
}

/** `layers` top first; a source that is a Leaflet layer is asked only while it is on the map. */
export function routeHits(map: L.Map, layers: () => readonly HitSource[]): () => void {
  let tooltip: HTMLDivElement | null = null;
  const find = (point: L.Point): { layer: HitSource; hit: Hit } | null => {
    for (const layer of layers()) {
      if (layer instanceof L.Layer && !map.hasLayer(layer)) continue;
      const hit = layer.hitTest(point);
      if (hit) return { layer, hit };
    }
    return null;
  };
  const hide = () => {
    if (tooltip) tooltip.hidden = true;
    map.getContainer().classList.remove('board-hovering');
  };
  const onClick = (event: L.LeafletMouseEvent) => {
    const found = find(event.containerPoint);
    if (found) found.layer.activate(found.hit);
  };
  const onMove = (event: L.LeafletMouseEvent) => {
    const found = find(event.containerPoint);
    if (!found) return hide();
    tooltip ??= L.DomUtil.create('div', 'board-canvas-tooltip', map.getContainer());
    tooltip.setAttribute('role', 'tooltip');
    tooltip.textContent = found.hit.label;
    tooltip.style.transform = `translate(${event.containerPoint.x + 14}px, ${event.containerPoint.y - 10}px)`;
    tooltip.hidden = false;
    map.getContainer().classList.add('board-hovering');
  };
  map.on('click', onClick);
  map.on('mousemove', onMove);
  map.on('mouseout movestart', hide);
  // Leaflet's mouseout also fires between its own elements; leaving the map is this one.
  map.getContainer().addEventListener('mouseleave', hide);
  return () => {
    map.off('click', onClick);
    map.off('mousemove', onMove);
    map.off('mouseout movestart', hide);
    map.getContainer().removeEventListener('mouseleave', hide);
    tooltip?.remove();
  };
}
