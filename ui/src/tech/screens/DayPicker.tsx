import { useTranslation } from 'react-i18next';
import { useTech, useTechController } from '../context.tsx';
import { formatDay } from '../format.ts';
import { useT } from '../i18n/index.ts';

export function DayPicker() {
  const t = useT();
  const { i18n } = useTranslation();
  const controller = useTechController();
  const portfolio = useTech((s) => s.portfolio);
  const day = useTech((s) => s.day);
  if (!portfolio) return null;
  const tomorrow = portfolio.days[1]?.date;
  return (
    <div className="day-picker" role="tablist" aria-label={t('tour.days')}>
      {portfolio.days.map((d) => (
        <button
          key={d.date}
          type="button"
          role="tab"
          aria-selected={d.date === day}
          className={d.date === day ? 'day active' : 'day'}
          onClick={() => controller.setDay(d.date)}
        >
          <span>{d.date === portfolio.today ? t('tour.today') : d.date === tomorrow ? t('tour.tomorrow') : formatDay(d.date, i18n.language)}</span>
          <small>{d.stops.length}</small>
        </button>
      ))}
    </div>
  );
}
