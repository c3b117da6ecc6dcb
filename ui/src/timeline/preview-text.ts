// The drag preview in words, for the card beside the pointer and for screen
// readers: the target technician, then arrival, start, added travel, visits
// delayed and every problem — or why the server refuses the move, in the
// board's language (the server's own sentence names records by id).
import type { TFunction } from 'i18next';
import { formatDuration, formatMinute, formatSignedDuration } from '../geo/time.ts';
import type { Preview } from './move-preview.ts';

export function previewText(t: TFunction, technicianName: string, preview: Preview | null): string {
  const to = t('timeline.preview.to', { name: technicianName });
  if (!preview) return `${to} · ${t('timeline.preview.checking')}`;
  const estimated = preview.estimated ? [t('timeline.preview.estimated')] : [];
  if (preview.verdict === 'blocked') {
    const reason = preview.absence ? t(`timeline.away.${preview.absence}`) : '';
    return [to, ...preview.problems.map((p) => t(`timeline.problem.${p}`, { count: preview.pushedOut, duration: '', reason }))].join(' · ');
  }
  const parts = [
    to,
    t('timeline.preview.arrival', { time: formatMinute(preview.arrival) }),
    t('timeline.preview.start', { time: formatMinute(preview.start) }),
    t('timeline.preview.extraTravel', { duration: formatSignedDuration(preview.extraTravelSeconds) }),
  ];
  if (preview.delayedVisits > 0) parts.push(t('timeline.preview.delayed', { count: preview.delayedVisits }));
  for (const p of preview.problems)
    parts.push(t(`timeline.problem.${p}`, { count: preview.pushedOut, duration: formatDuration(preview.overtimeMinutes * 60) }));
  return [...parts, ...estimated].join(' · ');
}
