// A test double of REALTIME's Broadcaster interface that records what it is
// given (for tests that check the calls rather than the socket traffic; the
// socket path is tested with the real broadcaster in jobs/progress tests).
import type { AssignmentPush, JobProgress, OutboxMessage, PlanChange, PlanDelta } from '@tournee/contracts/realtime';
import type { JobProgressInput } from '../../src/realtime/broadcaster.ts';
import type { PlanBroadcaster } from '../../src/planning/publish.ts';

export interface RecordingBroadcaster extends PlanBroadcaster {
  readonly plans: { agencyId: string; change: PlanChange }[];
  readonly progress: { agencyId: string; progress: JobProgressInput }[];
  readonly pushes: { technicianId: string; assignment: AssignmentPush }[];
}

export function recordingBroadcaster(): RecordingBroadcaster {
  const plans: RecordingBroadcaster['plans'] = [];
  const progress: RecordingBroadcaster['progress'] = [];
  const pushes: RecordingBroadcaster['pushes'] = [];
  let sequence = 0;
  return {
    plans,
    progress,
    pushes,
    async planChanged(agencyId, change) {
      plans.push({ agencyId, change });
      return {
        agencyId,
        epoch: 'test',
        sequence: ++sequence,
        date: change.date,
        reason: change.reason,
        tours: change.tours ?? [],
        removedTours: [],
        interventions: change.interventions ?? [],
        removedInterventions: [],
        sentAt: new Date().toISOString(),
      } satisfies PlanDelta;
    },
    jobProgress(agencyId, p) {
      progress.push({ agencyId, progress: p });
    },
    async assignmentPushed(technicianId, assignment) {
      pushes.push({ technicianId, assignment });
      return { technicianId, sequence: pushes.length, createdAt: new Date().toISOString(), assignment } satisfies OutboxMessage;
    },
  };
}

export type { JobProgress };
