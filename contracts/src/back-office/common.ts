// Building blocks of the back-office contracts (shared with the UI: no server imports).
import { z } from 'zod';
import { Day, Id, QueryList } from '../api/common.ts';

/** Money in integer cents (euros × 100). */
export const Cents = z.number().int().min(-1_000_000_000).max(1_000_000_000);
export const PositiveCents = Cents.min(0);
/** Whole units of a part. */
export const Units = z.number().int().min(1).max(1_000_000);
/** A signed change of stock (not zero). */
export const UnitChange = z
  .number()
  .int()
  .min(-1_000_000)
  .max(1_000_000)
  .refine((n) => n !== 0, 'not zero');
/** Hours or units on a document: up to three decimals. */
export const BilledQuantity = z
  .number()
  .positive()
  .max(100_000)
  .refine((n) => Math.abs(Math.round(n * 1000) - n * 1000) < 1e-6, 'at most three decimals');
export const Percent = z.number().int().min(0).max(100);
export const VatRateBp = z.union([z.literal(2000), z.literal(1000), z.literal(550)]);
export const IdList = QueryList(Id);
export const DayRange = z.object({ from: Day, to: Day }).refine((r) => r.from <= r.to, { message: 'from must not be after to', path: ['to'] });

/**
 * Fields of the back office stored as calendar days (answered as YYYY-MM-DD).
 * The server converts them in its answers.
 */
export const BACK_OFFICE_DAY_FIELDS: ReadonlySet<string> = new Set([
  'orderedOn',
  'expectedOn',
  'dueOn',
  'startsOn',
  'endsOn',
  'periodStart',
  'periodEnd',
  'issuedOn',
  'validUntil',
  'receivedOn',
  'completedOn',
  'attestationReceivedOn',
  'submittedOn',
  'answeredOn',
  'creditedOn',
  'nextPeriodStart',
  'date',
  'pieceDate',
  'warrantyEndsOn',
  'previousEndsOn',
  'availableFrom',
]);
