// Why a technician cannot take an urgent request, in the dispatcher's words:
// the server's reason codes with their parameters become one sentence each.
import type { TFunction } from 'i18next';
import type { TechnicianReason } from '../api/endpoints.ts';
import { formatDuration } from '../geo/time.ts';

export interface ReasonFormat {
  readonly t: TFunction;
  readonly language: string;
  readonly timezone: string;
}

export function describeReason(reason: TechnicianReason, { t, language, timezone }: ReasonFormat): string {
  const time = (iso: string) => new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', timeZone: timezone }).format(new Date(iso));
  const dayTime = (iso: string) =>
    new Intl.DateTimeFormat(language, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: timezone }).format(
      new Date(iso),
    );
  const list = (items: readonly string[]) => new Intl.ListFormat(language, { type: 'conjunction' }).format(items);
  switch (reason.code) {
    case 'skill_missing':
      return t('urgent.reason.skillMissing', { count: reason.skills.length, skills: list(reason.skills) });
    case 'skill_level':
      return t('urgent.reason.skillLevel', { skill: reason.skill, level: reason.level, required: reason.required });
    case 'absent':
      return t('urgent.reason.absent', { kind: t(`urgent.absence.${reason.kind}`), until: dayTime(reason.until) });
    case 'not_working':
      return t('urgent.reason.notWorking');
    case 'shift_over':
      return t('urgent.reason.shiftOver', { time: time(reason.endedAt) });
    case 'parts_missing':
      return reason.parts.length ? t('urgent.reason.partsMissing', { parts: list(reason.parts) }) : t('urgent.reason.partsShort');
    case 'capacity':
      return reason.overMinutes === null ? t('urgent.reason.capacityNone') : t('urgent.reason.capacity', { duration: formatDuration(reason.overMinutes * 60) });
    case 'no_location':
      return t('urgent.reason.noLocation');
  }
}
