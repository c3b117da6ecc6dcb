// The back office's public face for the rest of the server: what planning,
// the intervention routes and jobs call. Everything else stays inside.
export { partsAvailability, pickupDepotIds, reserveParts, releaseReservations, type PartsAvailability, type MissingPart } from './stock/reservations.ts';
export { flagInterventionCoverage, detectWarranty } from './warranties/detect.ts';
export { consumeOnIntervention, consumeOnInterventionIn, settleReservations, transferStockIn } from './stock/operations.ts';
export { BackOfficeError } from './errors.ts';
