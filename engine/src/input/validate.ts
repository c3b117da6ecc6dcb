/**
 * Turns an untrusted value into an `Input` the solver can rely on, or throws an
 * `InputError` naming the first problem: first the shape (`schema.ts`), then the
 * rules that relate fields to one another.
 */
import { InputError, formatPath } from '../errors.ts';
import type { Amount, Coordinates, Input, Job, Vehicle } from '../types.ts';
import { DEFAULT_PROFILE, describeValue, inputSchema, issueReason, type ParsedInput } from './schema.ts';

type Path = readonly (string | number)[];

/** What the relational checks need to know about the matrices of one profile. */
interface ProfileMatrixInfo {
  readonly size: number;
  readonly hasCosts: boolean;
}

/**
 * Validates `raw` as VROOM input (docs/API.md, v1.14) and returns it with unknown
 * keys removed and `profile` defaulted. Throws `InputError` for the first problem
 * found, whatever `raw` is.
 */
export function parseInput(raw: unknown): Input {
  const input = parseShape(raw);
  const jobs = input.jobs ?? [];
  checkUniqueIds(jobs, ['jobs']);
  checkUniqueIds(input.vehicles, ['vehicles']);
  input.vehicles.forEach((vehicle, v) => checkUniqueIds(vehicle.breaks ?? [], ['vehicles', v, 'breaks']));
  const matrices = checkMatrices(input);
  input.vehicles.forEach((vehicle, v) => checkVehicle(vehicle, v, matrices));
  const profiles = vehicleProfiles(input.vehicles, matrices);
  jobs.forEach((job, j) => checkJobLocation(job, j, profiles, matrices));
  checkAmountDimensions(input);
  checkSteps(input);
  checkVehicleReferences(input);
  return input;
}

function parseShape(raw: unknown): ParsedInput {
  let result: ReturnType<typeof inputSchema.safeParse>;
  try {
    result = inputSchema.safeParse(raw, { error: issueReason });
  } catch (error) {
    // Only a non-JSON caller gets here (a throwing getter, a revoked proxy…): still the input's fault.
    throw new InputError('', `input could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = formatPath(issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)));
  throw new InputError(path, path ? issue.message : `input ${issue.message}`);
}

function checkUniqueIds(items: readonly { readonly id: number }[], path: Path): void {
  const seen = new Map<number, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first !== undefined) {
      throw new InputError(formatPath([...path, i, 'id']), `duplicate id ${item.id} (also ${formatPath([...path, first])})`);
    }
    seen.set(item.id, i);
  });
}

const MATRIX_KINDS = ['durations', 'distances', 'costs'] as const;

function checkMatrices(input: ParsedInput): ReadonlyMap<string, ProfileMatrixInfo> {
  // A Map, not the record: a profile named "toString" must not find Object.prototype's.
  const profiles = new Map<string, ProfileMatrixInfo>();
  for (const [profile, matrices] of Object.entries(input.matrices ?? {})) {
    if (matrices.durations === undefined) {
      // Travel times can come from a matrix or from coordinates, never from distances or costs alone.
      throw new InputError(formatPath(['matrices', profile]), 'needs durations');
    }
    let reference: { readonly kind: string; readonly size: number } | undefined;
    for (const kind of MATRIX_KINDS) {
      const matrix = matrices[kind];
      if (matrix === undefined) continue;
      const size = matrix.length;
      matrix.forEach((row, r) => {
        if (row.length !== size) {
          throw new InputError(formatPath(['matrices', profile, kind, r]), `row has ${row.length} ${row.length === 1 ? 'entry' : 'entries'}, expected ${size}`);
        }
      });
      if (reference === undefined) {
        reference = { kind, size };
      } else if (size !== reference.size) {
        throw new InputError(
          formatPath(['matrices', profile, kind]),
          `is ${size}×${size}, ${formatPath(['matrices', profile, reference.kind])} is ${reference.size}×${reference.size}`,
        );
      }
    }
    // location_index names one place for every profile, so every profile's matrices cover the same places.
    const first = profiles.entries().next();
    if (!first.done && first.value[1].size !== matrices.durations.length) {
      const size = matrices.durations.length;
      const [name, info] = first.value;
      throw new InputError(
        formatPath(['matrices', profile, 'durations']),
        `is ${size}×${size}, ${formatPath(['matrices', name, 'durations'])} is ${info.size}×${info.size}: every profile must cover the same locations`,
      );
    }
    profiles.set(profile, { size: matrices.durations.length, hasCosts: matrices.costs !== undefined });
  }
  return profiles;
}

function checkIndex(index: number, path: Path, profile: string, matrices: ReadonlyMap<string, ProfileMatrixInfo>): void {
  const info = matrices.get(profile);
  if (info === undefined) throw new InputError(formatPath(path), `profile "${profile}" has no matrices`);
  if (index >= info.size) {
    throw new InputError(formatPath(path), `${index} is out of range for the ${info.size}×${info.size} matrices of profile "${profile}"`);
  }
}

function checkVehicle(vehicle: Vehicle, v: number, matrices: ReadonlyMap<string, ProfileMatrixInfo>): void {
  const profile = vehicle.profile ?? DEFAULT_PROFILE;
  const info = matrices.get(profile);
  if (vehicle.start === undefined && vehicle.start_index === undefined && vehicle.end === undefined && vehicle.end_index === undefined) {
    throw new InputError(formatPath(['vehicles', v]), 'needs a start or an end');
  }
  for (const side of ['start', 'end'] as const) {
    const index = vehicle[`${side}_index`];
    if (index !== undefined) {
      checkIndex(index, ['vehicles', v, `${side}_index`], profile, matrices);
    } else if (vehicle[side] !== undefined && info !== undefined) {
      // With matrices, travel is read from them; coordinates alone cannot say which row to read.
      throw new InputError(formatPath(['vehicles', v, `${side}_index`]), `is required since profile "${profile}" has matrices`);
    }
  }
  if (info === undefined) {
    for (const side of ['start', 'end'] as const) checkLonLat(vehicle[side], ['vehicles', v, side], profile);
  }
  if (info?.hasCosts) {
    for (const key of ['per_hour', 'per_km'] as const) {
      if (vehicle.costs?.[key] !== undefined) {
        throw new InputError(formatPath(['vehicles', v, 'costs', key]), `cannot be used with the costs matrix of profile "${profile}"`);
      }
    }
  }
}

/** The profiles the vehicles use, in order of first use, split by whether they have matrices. */
function vehicleProfiles(
  vehicles: readonly Vehicle[],
  matrices: ReadonlyMap<string, ProfileMatrixInfo>,
): { readonly withMatrices: readonly string[]; readonly withoutMatrices: readonly string[] } {
  const used = [...new Set(vehicles.map((vehicle) => vehicle.profile ?? DEFAULT_PROFILE))];
  return {
    withMatrices: used.filter((profile) => matrices.has(profile)),
    withoutMatrices: used.filter((profile) => !matrices.has(profile)),
  };
}

/**
 * Any vehicle may serve any job, so a job must be locatable in every profile
 * in use: by `location_index` where the profile has matrices, by `location`
 * where it has none.
 */
function checkJobLocation(job: Job, j: number, profiles: ReturnType<typeof vehicleProfiles>, matrices: ReadonlyMap<string, ProfileMatrixInfo>): void {
  const { withMatrices, withoutMatrices } = profiles;
  if (job.location === undefined && job.location_index === undefined) {
    throw new InputError(
      formatPath(['jobs', j]),
      withMatrices.length > 0 ? `needs location_index (profile "${withMatrices[0]}" has matrices) or location` : 'needs a location',
    );
  }
  if (job.location_index !== undefined) {
    if (withMatrices.length === 0) {
      throw new InputError(formatPath(['jobs', j, 'location_index']), `profile "${withoutMatrices[0]}" has no matrices`);
    }
    for (const profile of withMatrices) checkIndex(job.location_index, ['jobs', j, 'location_index'], profile, matrices);
  } else if (withMatrices.length > 0) {
    throw new InputError(formatPath(['jobs', j, 'location_index']), `is required since profile "${withMatrices[0]}" has matrices`);
  }
  if (job.location === undefined && withoutMatrices.length > 0) {
    throw new InputError(formatPath(['jobs', j, 'location']), `is required since profile "${withoutMatrices[0]}" has no matrices`);
  }
  if (withoutMatrices.length > 0) checkLonLat(job.location, ['jobs', j, 'location'], withoutMatrices[0]!);
}

/**
 * Coordinates that travel is computed from (the profile has no matrices) must be a longitude and a latitude.
 * Beside matrices they are only carried to the output, as VROOM does, so planar coordinates are fine there.
 */
function checkLonLat(location: Coordinates | undefined, path: Path, profile: string): void {
  if (location === undefined) return;
  const why = `(profile "${profile}" has no matrices, so travel is computed from coordinates)`;
  const [lon, lat] = location;
  if (!(lon >= -180 && lon <= 180)) {
    throw new InputError(formatPath([...path, 0]), `must be a longitude from -180 to 180, got ${describeValue(lon)} ${why}`);
  }
  if (!(lat >= -90 && lat <= 90)) {
    throw new InputError(formatPath([...path, 1]), `must be a latitude from -90 to 90, got ${describeValue(lat)} ${why}`);
  }
}

function dimensions(count: number): string {
  return count === 1 ? '1 dimension' : `${count} dimensions`;
}

/** Delivery, pickup, capacity and max_load are compared dimension by dimension, so they must all have as many. */
function checkAmountDimensions(input: ParsedInput): void {
  let reference: { readonly path: string; readonly size: number } | undefined;
  const visit = (amount: Amount | undefined, path: Path): void => {
    if (amount === undefined) return;
    if (reference === undefined) {
      reference = { path: formatPath(path), size: amount.length };
    } else if (amount.length !== reference.size) {
      throw new InputError(formatPath(path), `has ${dimensions(amount.length)}, ${reference.path} has ${reference.size}`);
    }
  };
  input.vehicles.forEach((vehicle, v) => {
    visit(vehicle.capacity, ['vehicles', v, 'capacity']);
    (vehicle.breaks ?? []).forEach((b, k) => visit(b.max_load, ['vehicles', v, 'breaks', k, 'max_load']));
  });
  (input.jobs ?? []).forEach((job, j) => {
    visit(job.delivery, ['jobs', j, 'delivery']);
    visit(job.pickup, ['jobs', j, 'pickup']);
  });
}

/** A warm start must name real tasks, each at most once, in an order a route can have. */
function checkSteps(input: ParsedInput): void {
  const jobIds = new Set((input.jobs ?? []).map((job) => job.id));
  const jobSteps = new Map<number, string>();
  input.vehicles.forEach((vehicle, v) => {
    const steps = vehicle.steps ?? [];
    const breakIds = new Set((vehicle.breaks ?? []).map((b) => b.id));
    const breakSteps = new Map<number, string>();
    const hasStart = vehicle.start !== undefined || vehicle.start_index !== undefined;
    const hasEnd = vehicle.end !== undefined || vehicle.end_index !== undefined;
    steps.forEach((step, k) => {
      const path: Path = ['vehicles', v, 'steps', k];
      const at = (key: string): string => formatPath([...path, key]);
      if (step.service_after !== undefined && step.service_before !== undefined && step.service_after > step.service_before) {
        throw new InputError(formatPath(path), `service_after ${step.service_after} is after service_before ${step.service_before}`);
      }
      switch (step.type) {
        case 'start':
          if (k !== 0) throw new InputError(at('type'), '"start" must be the first step');
          if (!hasStart) throw new InputError(at('type'), `"start" but ${formatPath(['vehicles', v])} has no start`);
          break;
        case 'end':
          if (k !== steps.length - 1) throw new InputError(at('type'), '"end" must be the last step');
          if (!hasEnd) throw new InputError(at('type'), `"end" but ${formatPath(['vehicles', v])} has no end`);
          break;
        case 'pickup':
        case 'delivery':
          throw new InputError(at('type'), `"${step.type}" steps are for shipments, which are not supported yet`);
        case 'job': {
          if (step.id === undefined) throw new InputError(at('id'), 'is required for a job step');
          if (!jobIds.has(step.id)) throw new InputError(at('id'), `no job has id ${step.id}`);
          const previous = jobSteps.get(step.id);
          if (previous !== undefined) throw new InputError(at('id'), `job ${step.id} is already in ${previous}`);
          jobSteps.set(step.id, formatPath(path));
          break;
        }
        case 'break': {
          if (step.id === undefined) throw new InputError(at('id'), 'is required for a break step');
          if (!breakIds.has(step.id)) {
            throw new InputError(at('id'), `${formatPath(['vehicles', v])} has no break with id ${step.id}`);
          }
          const previous = breakSteps.get(step.id);
          if (previous !== undefined) throw new InputError(at('id'), `break ${step.id} is already in ${previous}`);
          breakSteps.set(step.id, formatPath(path));
          break;
        }
      }
    });
  });
}

/** The Tournée extensions key jobs' data by vehicle id: every key must name a vehicle. */
function checkVehicleReferences(input: ParsedInput): void {
  const ids = new Set(input.vehicles.map((v) => v.id));
  (input.jobs ?? []).forEach((job, j) => {
    for (const field of ['service_by_vehicle', 'assignment_costs'] as const) {
      for (const key of Object.keys(job[field] ?? {})) {
        if (!ids.has(Number(key))) throw new InputError(formatPath(['jobs', j, field, key]), `no vehicle has id ${key}`);
      }
    }
    (job.allowed_vehicles ?? []).forEach((id, k) => {
      if (!ids.has(id)) throw new InputError(formatPath(['jobs', j, 'allowed_vehicles', k]), `no vehicle has id ${id}`);
    });
  });
}
