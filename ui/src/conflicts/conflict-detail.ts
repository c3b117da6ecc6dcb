// A field conflict's explanation in the board's language. The server sends
// the conflict as a code (`reason`) with what it found (`current`: the visit's
// status, the day it is planned for, the part short…) and an English sentence
// for API users and logs (`message`); the board writes its own sentence from
// the code and those facts — issue 12, point 8: « server texts are English ».
import type { TFunction } from 'i18next';
import type { FieldConflict } from '../api/types.ts';

export function conflictDetail(t: TFunction, language: string, conflict: Pick<FieldConflict, 'reason' | 'current'>): string {
  // The part short (out_of_stock) is shown with the record's side of the conflict, in numbers.
  const { visit, plannedDay } = conflict.current;
  switch (conflict.reason) {
    case 'cancelled':
      return visit?.cancelReason ? t('conflicts.detail.cancelledBecause', { reason: visit.cancelReason }) : t('conflicts.detail.cancelled');
    case 'status_changed':
      return visit ? t('conflicts.detail.statusNow', { status: t(`status.${visit.status}`) }) : t('conflicts.detail.status_changed');
    case 'other_day':
      return plannedDay ? t('conflicts.detail.otherDayOn', { day: dayText(language, plannedDay) }) : t('conflicts.detail.other_day');
    default:
      return t(`conflicts.detail.${conflict.reason}`);
  }
}

function dayText(language: string, day: string): string {
  const at = new Date(`${day}T12:00:00Z`);
  return Number.isNaN(at.getTime()) ? day : new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(at);
}
