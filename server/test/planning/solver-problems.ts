// VROOM problems for the solver pool and /api/optimization tests: a one-job
// problem, and a large day around Aix (deterministic, no matrices: the engine
// times it from the coordinates) that takes a solve its whole time limit.
const AIX: readonly [number, number] = [5.4474, 43.5297];

export function oneJobProblem() {
  return { vehicles: [{ id: 1, start: AIX, end: AIX }], jobs: [{ id: 1, location: [5.469, 43.4548], service: 600 }] };
}

export function largeProblem(jobs: number, vehicles = 20) {
  let state = 12345;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return {
    vehicles: Array.from({ length: vehicles }, (_, i) => ({ id: i + 1, start: AIX, end: AIX, time_window: [28_800, 61_200] })),
    jobs: Array.from({ length: jobs }, (_, i) => {
      const open = 28_800 + Math.floor(next() * 20_000);
      return { id: i + 1, location: [5.2 + next() * 0.5, 43.3 + next() * 0.4], service: 900, time_windows: [[open, open + 7_200]] };
    }),
  };
}
