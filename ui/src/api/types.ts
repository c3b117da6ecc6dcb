// The server's contracts, as types only: `import type` keeps zod (which the
// contract modules use at run time) out of the browser bundle.
import type { z } from 'zod';
import type {
  Agency as AgencySchema,
  Sector as SectorSchema,
  Technician as TechnicianSchema,
  Skill as SkillSchema,
  Region as RegionSchema,
  Shift as ShiftSchema,
  Absence as AbsenceSchema,
  Intervention as InterventionSchema,
  Site as SiteSchema,
  Customer as CustomerSchema,
  Equipment as EquipmentSchema,
  InterventionInput as InterventionInputSchema,
} from '@tournee/contracts/api';

export type { ErrorResponse, LoginResponse, SessionUser, PageOf } from '@tournee/contracts/api';
export type {
  InterventionView,
  TourView,
  TourStopView,
  PositionFrame,
  PositionSample,
  PlanDelta,
  PlanSnapshot,
  JobProgress,
  InterventionStatus,
  ServerToClientEvents,
  ClientToServerEvents,
  SessionReady,
  AckResult,
  OutboxMessage,
} from '@tournee/contracts/realtime';
export type { FieldConflict, FieldConflictNotice, ConflictCurrent, ConflictReason, ActionKind } from '@tournee/contracts/replication';

export type Agency = z.infer<typeof AgencySchema>;
export type Sector = z.infer<typeof SectorSchema>;
export type Technician = z.infer<typeof TechnicianSchema>;
export type Skill = z.infer<typeof SkillSchema>;
export type Region = z.infer<typeof RegionSchema>;
export type Shift = z.infer<typeof ShiftSchema>;
export type Absence = z.infer<typeof AbsenceSchema>;
export type Intervention = z.infer<typeof InterventionSchema>;
export type Site = z.infer<typeof SiteSchema>;
export type Customer = z.infer<typeof CustomerSchema>;
export type Equipment = z.infer<typeof EquipmentSchema>;
export type InterventionInput = z.input<typeof InterventionInputSchema>;
