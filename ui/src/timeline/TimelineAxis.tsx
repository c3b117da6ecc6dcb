// The timeline's header row: the column of names, then the hours of the day.
import { useTranslation } from 'react-i18next';
import { formatMinute } from '../geo/time.ts';
import type { TimeScale } from './scale.ts';

export function TimelineAxis({ scale }: { readonly scale: TimeScale }) {
  const { t } = useTranslation();
  return (
    <div className="timeline-head" role="row">
      <div className="timeline-name" role="columnheader">
        {t('timeline.technician')}
      </div>
      <div className="timeline-axis" role="columnheader" aria-label={t('timeline.hours')}>
        {scale.hours.map((m) => (
          <span key={m} className="timeline-hour" style={{ left: scale.at(m) }}>
            {formatMinute(m)}
          </span>
        ))}
      </div>
    </div>
  );
}
