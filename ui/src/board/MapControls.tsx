// Layer toggles and the legend, over the map; real checkboxes, so the
// keyboard and screen readers can use them. The box folds into one button
// ("Calques") so it does not cover a corner of the map for good: folded from
// the start on tablets and phones, where the map is small.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mapLegend, type Swatch } from '../map/legend.ts';
import type { Layers } from '../state/board-state.ts';
import { useBoard, useController } from '../state/context.tsx';
import '../map/map.css';

const LAYERS: readonly (keyof Layers)[] = ['technicians', 'tours', 'interventions', 'sectors', 'agencies'];
/** Below this width the map shares the screen: the box starts folded. */
const WIDE_SCREEN = '(min-width: 1101px)';

const startsOpen = (): boolean => typeof window.matchMedia !== 'function' || window.matchMedia(WIDE_SCREEN).matches;

export function MapControls() {
  const { t } = useTranslation();
  const controller = useController();
  const layers = useBoard((s) => s.layers);
  const [open, setOpen] = useState(startsOpen);
  const [legend, setLegend] = useState(false);
  return (
    <div className={open ? 'map-controls' : 'map-controls is-folded'}>
      <button type="button" className="button small map-controls-toggle" aria-expanded={open} aria-controls="map-layers" onClick={() => setOpen((v) => !v)}>
        <span aria-hidden="true">{open ? '×' : '☰'}</span> {open ? t('map.layersHide') : t('map.layers')}
      </button>
      {open && (
        <div id="map-layers" className="map-controls-body">
          <fieldset className="layer-toggles">
            <legend>{t('map.layers')}</legend>
            {LAYERS.map((l) => (
              <label key={l} className="field-check">
                <input type="checkbox" checked={layers[l]} onChange={() => controller.toggleLayer(l)} />
                <span>{t(`map.layer.${l}`)}</span>
              </label>
            ))}
          </fieldset>
          <button type="button" className="button small subtle" aria-expanded={legend} aria-controls="map-legend" onClick={() => setLegend((v) => !v)}>
            {t('map.legend')}
          </button>
          {legend && <Legend />}
        </div>
      )}
    </div>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <div id="map-legend" className="legend" data-testid="map-legend">
      {mapLegend().map((section) => (
        <section key={section.title}>
          <h3>{t(section.title as 'map.legend')}</h3>
          <ul>
            {section.entries.map((entry) => (
              <li key={entry.label}>
                <SwatchMark swatch={entry.swatch} />
                {t(entry.label as 'map.legend')}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function SwatchMark({ swatch }: { swatch: Swatch }) {
  switch (swatch.kind) {
    case 'dot':
      return <span className="swatch swatch-dot" style={{ background: swatch.fill }} aria-hidden="true" />;
    case 'ring':
      return <span className="swatch swatch-ring" style={{ background: swatch.fill, borderColor: swatch.ring }} aria-hidden="true" />;
    case 'cluster':
      return <span className="swatch swatch-cluster" aria-hidden="true" />;
    case 'line':
      return <span className="swatch swatch-line" style={{ background: swatch.color }} aria-hidden="true" />;
    case 'area':
      return <span className="swatch swatch-area" style={{ borderColor: swatch.color, background: `${swatch.color}1f` }} aria-hidden="true" />;
  }
}
