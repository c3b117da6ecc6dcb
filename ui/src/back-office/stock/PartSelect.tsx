// A part picker: the catalogue's active parts by reference, as a <select>
// ("REF — name").
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Part } from './api.ts';

export function PartSelect({
  parts,
  value,
  onChange,
  name,
  id,
  ...aria
}: {
  parts: ReadonlyMap<string, Part>;
  value: string;
  onChange: (partId: string) => void;
  name?: string;
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const { t } = useTranslation();
  const sorted = useMemo(
    () => [...parts.values()].filter((p) => p.active || p.id === value).sort((a, b) => a.reference.localeCompare(b.reference)),
    [parts, value],
  );
  return (
    <select id={id} name={name} value={value} onChange={(e) => onChange(e.target.value)} {...aria}>
      <option value="">{t('stock.choosePart')}</option>
      {sorted.map((p) => (
        <option key={p.id} value={p.id}>
          {p.reference} — {p.name}
        </option>
      ))}
    </select>
  );
}
