// The "Urgence" panel: a new urgent request (UrgentRequest.tsx: described,
// ranked as a draft, created only when the dispatcher decides), or, coming
// from the queue with a visit, the technicians who could take that visit
// (QueueCandidates.tsx).
import { QueueCandidates } from './QueueCandidates.tsx';
import { UrgentRequest } from './UrgentRequest.tsx';
import './urgent.css';

export function UrgentPanel({ interventionId, onDone }: { interventionId: string | null; onDone: () => void }) {
  return <div className="urgent">{interventionId ? <QueueCandidates interventionId={interventionId} onDone={onDone} /> : <UrgentRequest />}</div>;
}
