export { solve, solveOrThrow } from './solve.ts';
export { EngineError, InputError } from './errors.ts';
export { parseInput } from './input/validate.ts';
export { DEFAULT_COORDINATE_TRAVEL } from './problem/coordinate-travel.ts';
export * from './types.ts';
export * from './field-service/index.ts';
