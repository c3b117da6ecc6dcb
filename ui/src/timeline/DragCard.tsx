// The card beside the pointer (or under the timeline, for keyboard moves)
// while a visit is dragged: the verdict, then the preview in words.
import { useTranslation } from 'react-i18next';
import type { TimelineDrag } from './use-timeline-drag.ts';

export function DragCard({ drag }: { readonly drag: TimelineDrag }) {
  const { t } = useTranslation();
  const { drag: state, preview, pending, moveTarget } = drag;
  if (!state || !drag.target) return null;
  const verdict = preview?.verdict ?? 'pending';
  return (
    <div
      className={`drag-card is-${verdict}`}
      data-technician-id={moveTarget?.technicianId}
      data-pending={pending ? 'true' : undefined}
      role="status"
      style={state.keyboard ? undefined : { transform: `translate(${state.pointer.x + 16}px, ${state.pointer.y + 16}px)` }}
    >
      <strong>{t(`timeline.verdict.${verdict}`)}</strong>
      <span>{drag.previewText}</span>
    </div>
  );
}
