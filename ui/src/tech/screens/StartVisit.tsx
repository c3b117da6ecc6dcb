// "Je pars" on a visit. A visit planned for a later day asks first: the app
// lists the coming days too, and starting tomorrow's visit today by mistake
// would take it out of tomorrow's tour. Sent anyway, the server refuses it
// (other_day) unless the dispatcher has moved the visit to today — the
// refusal reaches the dispatcher, who can move it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisitSheet } from '@tournee/contracts/replication';
import { localDay } from '@tournee/contracts/zoned-time';
import { useTech, useTechController } from '../context.tsx';
import { formatDay } from '../format.ts';
import { useT } from '../i18n/index.ts';

/** The later day the visit is planned for, in the agency's calendar; null when it is today's (or earlier, or not timed). */
export function laterDay(plannedStart: string | null, timezone: string, now: Date): string | null {
  if (!plannedStart) return null;
  const day = localDay(new Date(plannedStart), timezone);
  return day > localDay(now, timezone) ? day : null;
}

export function StartVisit({ visit }: { readonly visit: VisitSheet }) {
  const t = useT();
  const { i18n } = useTranslation();
  const controller = useTechController();
  const tz = useTech((s) => s.portfolio?.technician.timezone ?? 'Europe/Paris');
  const [asking, setAsking] = useState(false);
  const later = laterDay(visit.plannedStart, tz, new Date());
  const start = () => void controller.move(visit.id, 'en_route', t('work.labels.enRoute'));
  if (later && asking) {
    return (
      <div className="other-day" role="alertdialog" aria-labelledby={`other-day-${visit.id}`}>
        <p className="warn" id={`other-day-${visit.id}`}>
          {t('work.otherDay', { day: formatDay(later, i18n.language) })}
        </p>
        <div className="other-day-actions">
          <button type="button" className="btn wide" onClick={() => setAsking(false)} autoFocus>
            {t('work.otherDayCancel')}
          </button>
          <button
            type="button"
            className="btn primary wide"
            onClick={() => {
              setAsking(false);
              start();
            }}
          >
            {t('work.otherDayConfirm')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <button type="button" className="btn primary wide" onClick={() => (later ? setAsking(true) : start())}>
      {t('work.enRoute')}
    </button>
  );
}
