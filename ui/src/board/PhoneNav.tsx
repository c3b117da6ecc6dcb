// On a phone the board cannot show the map, the side panel and the timeline
// at once: a segmented control picks one of them, full height (issue 12,
// "the header takes half the screen, one timeline row shows, the queue is
// off-screen"). Hidden by responsive.css above phone widths, where all three show.
import { useTranslation } from 'react-i18next';

export type PhoneView = 'panel' | 'map' | 'timeline';
export const PHONE_VIEWS: readonly PhoneView[] = ['panel', 'map', 'timeline'];

export function PhoneNav({ view, onChange, waiting }: { view: PhoneView; onChange: (view: PhoneView) => void; waiting: number }) {
  const { t } = useTranslation();
  return (
    <nav className="phone-nav" aria-label={t('board.phone.label')}>
      {PHONE_VIEWS.map((v) => (
        <button key={v} type="button" className="phone-nav-item" aria-pressed={view === v} onClick={() => onChange(v)}>
          {t(`board.phone.${v}`)}
          {v === 'panel' && waiting > 0 && <span className="badge">{waiting}</span>}
        </button>
      ))}
    </nav>
  );
}
