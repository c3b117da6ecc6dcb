// A time of day written the French way (« 08:30 », 24 h) whatever the
// browser's language: a bare <input type="time"> shows « 08:30 AM » in an
// English Chromium. A text field that reads what people type — « 8 », « 8h »,
// « 8h30 », « 0830 », « 8:30 » — and writes it back as HH:MM when the field is
// left; the arrow keys move it by a quarter of an hour (Page Up/Down by an
// hour). Until what is typed reads as a time, the form holds '' (refused with
// its message on save).
import { useEffect, useRef, useState } from 'react';

/** « 8h30 » → '08:30'; null when it is not a time of day. */
export function parseTime(text: string): string | null {
  const m = /^\s*(\d{1,2})(?:\s*(?:h|:|\.)\s*(\d{2})?|(\d{2}))?\s*$/i.exec(text);
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2] ?? m[3] ?? 0);
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

function shift(value: string, minutes: number): string {
  const [h, m] = value.split(':').map(Number) as [number, number];
  // Moves onto the quarter-hour grid first (08:10 ↑ 08:15), then by whole steps; within 00:00–23:45.
  const now = h * 60 + m;
  const step = Math.abs(minutes);
  const snapped = minutes > 0 ? Math.floor(now / step) * step + step : Math.ceil(now / step) * step - step;
  const next = Math.min(23 * 60 + 45, Math.max(0, snapped));
  return `${String(Math.floor(next / 60)).padStart(2, '0')}:${String(next % 60).padStart(2, '0')}`;
}

export function TimeField({
  value,
  onChange,
  label,
  invalid,
}: {
  value: string;
  onChange: (value: string) => void;
  label: string;
  invalid?: boolean | undefined;
}) {
  const [text, setText] = useState(value);
  // What this field last handed to the form: a value set from outside (a draft reset) replaces what is shown;
  // the field's own '' while « 8h3 » is being typed must not wipe the text.
  const emitted = useRef(value);
  useEffect(() => {
    if (value !== emitted.current) setText(value);
    emitted.current = value;
  }, [value]);
  const emit = (next: string) => {
    emitted.current = next;
    onChange(next);
  };

  return (
    <input
      type="text"
      className="time-field"
      inputMode="numeric"
      autoComplete="off"
      placeholder="hh:mm"
      maxLength={5}
      aria-label={label}
      aria-invalid={invalid || undefined}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        emit(parseTime(e.target.value) ?? '');
      }}
      onBlur={() => {
        const parsed = parseTime(text);
        if (parsed) setText(parsed);
      }}
      onKeyDown={(e) => {
        const by = e.key === 'ArrowUp' ? 15 : e.key === 'ArrowDown' ? -15 : e.key === 'PageUp' ? 60 : e.key === 'PageDown' ? -60 : 0;
        if (!by) return;
        e.preventDefault();
        const next = shift(parseTime(text) ?? parseTime(value) ?? '08:00', by);
        setText(next);
        emit(next);
      }}
    />
  );
}
