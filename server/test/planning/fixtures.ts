// Hand-checkable planning records around Aix-en-Provence: two technicians,
// one HVAC expert and one pool technician, on Monday 2 March 2026 (Paris is
// UTC+1 that day, so 08:00 local is 07:00Z).
import type { InterventionRecord, PlanningRecords, TechnicianRecord } from '../../src/planning/records.ts';

export const DAY = '2026-03-02';
export const NEXT_DAY = '2026-03-03';
/** The evening before: nothing of the day has started. */
export const BEFORE = new Date('2026-03-01T18:00:00Z');

export const AIX: [number, number] = [5.4474, 43.5297];
export const MARSEILLE: [number, number] = [5.3698, 43.2965];
export const GARDANNE: [number, number] = [5.469, 43.4548];
export const PERTUIS: [number, number] = [5.5036, 43.6946];
export const SALON: [number, number] = [5.0974, 43.6403];

export function technician(id: string, patch: Partial<TechnicianRecord> = {}): TechnicianRecord {
  return {
    id,
    home: AIX,
    skills: [],
    // Monday to Friday, 08:00–17:00 with an hour for lunch between 11:30 and 15:00.
    shifts: [1, 2, 3, 4, 5].map((weekday) => ({
      weekday,
      day: null,
      startMinute: 480,
      endMinute: 1020,
      breakMinutes: 60,
      breakWindow: { startMinute: 690, endMinute: 900 },
    })),
    absences: [],
    ...patch,
  };
}

export function intervention(id: string, patch: Partial<InterventionRecord> = {}): InterventionRecord {
  return {
    id,
    status: 'requested',
    priority: 50,
    slaDeadline: null,
    durationMinutes: 60,
    location: GARDANNE,
    requiredSkills: [],
    timeWindows: [],
    earliestDay: null,
    latestDay: null,
    pinned: false,
    technicianId: null,
    plannedStart: null,
    plannedEnd: null,
    actualStart: null,
    actualEnd: null,
    version: 1,
    stop: null,
    ...patch,
  };
}

export function records(patch: Partial<PlanningRecords> = {}): PlanningRecords {
  return {
    agency: { id: 'agency-aix', timezone: 'Europe/Paris', depot: AIX },
    days: [DAY],
    technicians: [
      technician('tech-hvac', { skills: [{ skillId: 'hvac', level: 3 }] }),
      technician('tech-pool', {
        home: MARSEILLE,
        skills: [
          { skillId: 'pool', level: 2 },
          { skillId: 'hvac', level: 1 },
        ],
      }),
    ],
    interventions: [],
    tours: [],
    ...patch,
  };
}
