// A small agency's day, by hand: two technicians in Aix, a tour of two visits
// for Alice, none yet for Bruno, and one urgent visit waiting.
import type { Agency, InterventionView, PlanSnapshot, Shift, Skill, Technician, TourView } from '../../src/api/types.ts';
import type { PlanningRun } from '../../src/api/endpoints.ts';

export const DAY = '2026-03-10'; // a Tuesday, UTC+1 in Paris
export const at = (hhmm: string): string => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return new Date(Date.UTC(2026, 2, 10, h - 1, m)).toISOString();
};

export const agency: Agency = {
  id: 'ag-aix',
  regionId: null,
  code: 'AIX',
  name: 'Aix-en-Provence',
  timezone: 'Europe/Paris',
  address: null,
  postcode: null,
  city: 'Aix-en-Provence',
  lat: 43.53,
  lon: 5.45,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

export const skills: Skill[] = [
  { id: 'sk-hp', code: 'HP', name: 'Pompe à chaleur', description: null, createdAt: '2026-01-01T00:00:00Z' },
  { id: 'sk-pool', code: 'POOL', name: 'Piscine', description: null, createdAt: '2026-01-01T00:00:00Z' },
];

const tech = (id: string, firstName: string, lastName: string, homeLat: number, homeLon: number, skillIds: string[]): Technician => ({
  id,
  agencyId: agency.id,
  firstName,
  lastName,
  email: null,
  phone: null,
  homeAddress: null,
  homeLat,
  homeLon,
  color: null,
  active: true,
  skills: skillIds.map((skillId) => ({ skillId, level: 3 })),
  sectors: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

export const technicians: Technician[] = [
  tech('t-alice', 'Alice', 'Martin', 43.53, 5.45, ['sk-hp']),
  tech('t-bruno', 'Bruno', 'Durand', 43.3, 5.4, ['sk-hp', 'sk-pool']),
];

export const shifts: Record<string, Shift[]> = {
  't-alice': [
    {
      id: 's1',
      technicianId: 't-alice',
      weekday: 2,
      date: null,
      startMinute: 480,
      endMinute: 1020,
      breakMinutes: 60,
      breakStartMinute: null,
      breakEndMinute: null,
    },
  ],
  't-bruno': [
    {
      id: 's2',
      technicianId: 't-bruno',
      weekday: 2,
      date: null,
      startMinute: 480,
      endMinute: 1020,
      breakMinutes: 60,
      breakStartMinute: null,
      breakEndMinute: null,
    },
  ],
};

const intervention = (id: string, label: string, lat: number, lon: number, extra: Partial<InterventionView> = {}): InterventionView => ({
  id,
  agencyId: agency.id,
  status: 'assigned',
  priority: 50,
  technicianId: null,
  siteId: `site-${id}`,
  sectorId: null,
  lat,
  lon,
  label,
  estimatedDurationMinutes: 60,
  plannedStart: null,
  plannedEnd: null,
  slaDeadline: null,
  pinned: false,
  version: 3,
  ...extra,
});

export const interventions: InterventionView[] = [
  intervention('i-1', 'Dupont — Aix-en-Provence', 43.52, 5.44, { technicianId: 't-alice', plannedStart: at('09:00'), plannedEnd: at('10:00') }),
  intervention('i-2', 'Leroy — Gardanne', 43.45, 5.47, { technicianId: 't-alice', plannedStart: at('10:30'), plannedEnd: at('11:30') }),
  intervention('i-3', 'Camping des Pins — Pertuis', 43.69, 5.5, { status: 'requested', priority: 90, slaDeadline: at('16:00') }),
];

export const tours: TourView[] = [
  {
    id: 'tour-alice',
    agencyId: agency.id,
    technicianId: 't-alice',
    date: DAY,
    status: 'published',
    kpis: { travelSeconds: 1800, travelMeters: 25000 },
    version: 7,
    stops: [
      {
        id: 'st-1',
        interventionId: 'i-1',
        sequence: 0,
        plannedArrival: at('08:50'),
        plannedStart: at('09:00'),
        plannedEnd: at('10:00'),
        travelSeconds: 600,
        travelMeters: 5000,
        lat: 43.52,
        lon: 5.44,
        version: 1,
      },
      {
        id: 'st-2',
        interventionId: 'i-2',
        sequence: 1,
        plannedArrival: at('10:20'),
        plannedStart: at('10:30'),
        plannedEnd: at('11:30'),
        travelSeconds: 1200,
        travelMeters: 20000,
        lat: 43.45,
        lon: 5.47,
        version: 1,
      },
    ],
  },
];

export function snapshot(overrides: Partial<PlanSnapshot> = {}): PlanSnapshot {
  return {
    agencyId: agency.id,
    date: DAY,
    epoch: 'e1',
    sequence: 10,
    reason: 'requested',
    tours,
    interventions,
    generatedAt: '2026-03-10T07:00:00Z',
    ...overrides,
  };
}

/** A preview run that succeeded and left i-3 out for lack of room. */
export function planningRun(overrides: Partial<PlanningRun> = {}): PlanningRun {
  return {
    id: 'run-1',
    agencyId: agency.id,
    days: [DAY],
    status: 'succeeded',
    preview: true,
    decision: 'pending',
    decidedAt: null,
    progress: 1,
    error: null,
    requestedById: null,
    createdAt: '',
    startedAt: null,
    finishedAt: null,
    result: {
      summary: { planned: 3, unassigned: 0, cost: 0, travelSeconds: 1, travelMeters: 1, solvingMs: 1, tours: 2, toursChanged: 1, interventionsChanged: 1 },
      before: null,
      unassigned: [{ interventionId: 'i-3', reason: 'capacity' }],
      tours: [],
    },
    ...overrides,
  };
}
