// Layer toggles and the legend, over the map; real checkboxes, so the
// keyboard and screen readers can use them.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InterventionStatus } from '../api/types.ts';
import type { Layers } from '../state/board-state.ts';
import { useBoard, useController } from '../state/context.tsx';
import { ACTIVITY_COLORS, STATUS_COLORS, type TechnicianActivity } from './colors.ts';

const LAYERS: readonly (keyof Layers)[] = ['technicians', 'tours', 'interventions', 'sectors', 'agencies'];
const LEGEND_STATUSES: readonly InterventionStatus[] = ['requested', 'planned', 'assigned', 'dispatched', 'en_route', 'on_site', 'done'];
const ACTIVITIES: readonly TechnicianActivity[] = ['on_site', 'en_route', 'available', 'off'];

export function MapControls() {
  const { t } = useTranslation();
  const controller = useController();
  const layers = useBoard((s) => s.layers);
  const [legend, setLegend] = useState(false);
  return (
    <div className="map-controls">
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
      {legend && (
        <div id="map-legend" className="legend">
          <h3>{t('map.legendInterventions')}</h3>
          <ul>
            {LEGEND_STATUSES.map((s) => (
              <li key={s}>
                <span className="status-dot" style={{ background: STATUS_COLORS[s] }} aria-hidden="true" />
                {t(`status.${s}`)}
              </li>
            ))}
            <li>
              <span className="status-dot ring-urgent" aria-hidden="true" />
              {t('map.urgent')}
            </li>
          </ul>
          <h3>{t('map.legendTechnicians')}</h3>
          <ul>
            {ACTIVITIES.map((a) => (
              <li key={a}>
                <span className="status-dot" style={{ background: ACTIVITY_COLORS[a] }} aria-hidden="true" />
                {t(`activity.${a}`)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
