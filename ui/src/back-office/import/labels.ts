// Words for the Importer screen's codes: fields, reasons a line is refused, statuses.
import type { TFunction } from 'i18next';
import type { fr } from '../../i18n/fr.ts';

type FieldKey = keyof typeof fr.importer.fields;
type ReasonKey = keyof typeof fr.importer.reasons;

export function fieldLabel(t: TFunction, key: string): string {
  return t(`importer.fields.${key as FieldKey}`, { defaultValue: key });
}

export function reasonLabel(t: TFunction, code: string): string {
  return t(`importer.reasons.${(code in REASONS ? code : 'other') as ReasonKey}`);
}

const REASONS: Record<string, true> = {
  required: true,
  nul: true,
  too_long: true,
  invalid_email: true,
  invalid_country: true,
  invalid_number: true,
  out_of_range: true,
  invalid_boolean: true,
  invalid_day: true,
  unknown_reference: true,
  ambiguous: true,
  duplicate_in_file: true,
  not_your_agency: true,
  invalid_integer: true,
  invalid_choice: true,
  invalid_skills: true,
  duplicate: true,
  invalid_time_window: true,
  not_at_site: true,
  not_of_customer: true,
  no_van: true,
  not_open: true,
  status_by_lifecycle: true,
};
