// The board's day, written in the board's language ("lun. 7 déc. 2026"), over
// the browser's own calendar picker. A bare <input type="date"> shows the
// browser's locale, not the page's: an English Chromium wrote 12/07/2026 under
// a French board (issue 12, point 8). The native input stays — invisible, on
// top of the label — so a click or a tap opens the calendar, the keyboard can
// type a date and assistive tools read a real date field.
import { useTranslation } from 'react-i18next';
import './day-field.css';

/** `min`: the first day the picker offers; `invalid`: marks the field (aria-invalid) when the form refuses the day. Also used by « Nouvelle intervention ». */
export function DayField({
  date,
  label,
  onChange,
  min,
  invalid,
}: {
  date: string;
  label: string;
  onChange: (day: string) => void;
  min?: string | undefined;
  invalid?: boolean | undefined;
}) {
  const { i18n } = useTranslation();
  const at = new Date(`${date}T12:00:00Z`);
  // Only the first letter up: « Mer. 9 déc. 2026 », not « Mer. 9 Déc. » (French writes months in lower case).
  const long = initialUp(
    new Intl.DateTimeFormat(i18n.language, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(at),
  );
  const short = initialUp(new Intl.DateTimeFormat(i18n.language, { weekday: 'short', day: 'numeric', month: 'numeric', timeZone: 'UTC' }).format(at));
  return (
    <label className="day-field">
      <span className="day-field-text" aria-hidden="true">
        <span className="day-field-long">{long}</span>
        <span className="day-field-short">{short}</span>
        <svg className="day-field-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" strokeWidth="1.5" fill="none" />
        </svg>
      </span>
      <input
        type="date"
        aria-label={`${label} : ${long}`}
        value={date}
        min={min}
        aria-invalid={invalid || undefined}
        lang={i18n.language}
        onClick={(e) => {
          // Chromium opens its calendar only from its own icon, hidden here: open it from anywhere on the field.
          try {
            e.currentTarget.showPicker?.();
          } catch {
            // Not allowed here (no user gesture, or an old browser): typing still works.
          }
        }}
        onChange={(e) => e.target.value && onChange(e.target.value)}
      />
    </label>
  );
}

const initialUp = (text: string): string => text.charAt(0).toLocaleUpperCase() + text.slice(1);
