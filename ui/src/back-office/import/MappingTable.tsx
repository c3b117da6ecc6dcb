// The proposed column mapping, one row per column of the file: its name, an
// example value, and the field it goes to (editable).
import { useTranslation } from 'react-i18next';
import { AS_SOLD_ATTRIBUTE, IMPORT_FIELDS } from '@tournee/contracts/import';
import type { ImportKind, ImportMapping } from './api.ts';
import { formatDay } from '../shared/format.ts';
import { fieldLabel } from './labels.ts';

export interface MappingTableProps {
  readonly kind: ImportKind;
  readonly headers: readonly string[];
  readonly preview: readonly (readonly string[])[];
  readonly mapping: ImportMapping;
  readonly disabled: boolean;
  readonly onChange: (mapping: ImportMapping) => void;
}

export function MappingTable({ kind, headers, preview, mapping, disabled, onChange }: MappingTableProps) {
  const { t, i18n } = useTranslation();
  const fields = IMPORT_FIELDS[kind];
  return (
    <table className="bo-table import-mapping">
      <thead>
        <tr>
          <th scope="col">{t('importer.mapping.column')}</th>
          <th scope="col">{t('importer.mapping.sample')}</th>
          <th scope="col">{t('importer.mapping.field')}</th>
        </tr>
      </thead>
      <tbody>
        {headers.map((header, index) => (
          <tr key={header}>
            <th scope="row">{header}</th>
            <td className="muted import-sample">{sample(preview.find((row) => row[index])?.[index] ?? '', i18n.language)}</td>
            <td>
              <select
                aria-label={t('importer.mapping.field') + ' — ' + header}
                value={mapping[header] ?? ''}
                disabled={disabled}
                onChange={(e) => onChange({ ...mapping, [header]: e.target.value || null })}
              >
                <option value="">{t('importer.mapping.ignore')}</option>
                {fields.map((f) => (
                  <option key={f.key} value={f.key}>
                    {f.required ? t('importer.mapping.required', { field: fieldLabel(t, f.key) }) : fieldLabel(t, f.key)}
                  </option>
                ))}
                {kind === 'equipment' && <option value={AS_SOLD_ATTRIBUTE}>{fieldLabel(t, AS_SOLD_ATTRIBUTE)}</option>}
              </select>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An example cell in the user's formats: days as 31/12/2024, decimals with the language's sign. */
function sample(value: string, lang: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDay(value, lang);
  if (/^-?\d+\.\d+$/.test(value)) return new Intl.NumberFormat(lang, { maximumFractionDigits: 6 }).format(Number(value));
  return value;
}
