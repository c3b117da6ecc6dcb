/**
 * `npm start` until the server exists: plans a day for a small heat-pump and
 * pool-maintenance company around Aix-en-Provence and prints the tours.
 * Coordinates are the towns' centres; travel is derived from them.
 */
import { performance } from 'node:perf_hooks';
import { solve } from '../src/index.ts';
import type { Input, Job, Vehicle } from '../src/types.ts';

const TOWNS: readonly [string, number, number][] = [
  ['Aix-en-Provence', 5.4474, 43.5297],
  ['Marseille', 5.3698, 43.2965],
  ['Aubagne', 5.5706, 43.2927],
  ['Gardanne', 5.4697, 43.4548],
  ['Vitrolles', 5.2486, 43.46],
  ['Salon-de-Provence', 5.0979, 43.6403],
  ['Pertuis', 5.5017, 43.6947],
  ['Trets', 5.6847, 43.4475],
  ['Martigues', 5.0547, 43.4045],
  ['Istres', 4.9877, 43.5151],
  ['Lambesc', 5.2614, 43.6539],
  ['Rognes', 5.3483, 43.6628],
  ['Venelles', 5.4825, 43.5986],
  ['Bouc-Bel-Air', 5.415, 43.4522],
  ['Cassis', 5.5376, 43.2147],
  ['La Ciotat', 5.6047, 43.1748],
  ['Allauch', 5.4822, 43.3364],
  ['Marignane', 5.2142, 43.416],
  ['Berre-l\u2019\u00C9tang', 5.1678, 43.4767],
  ['Rousset', 5.6197, 43.4828],
];
const SKILL_HEAT_PUMP = 1;
const SKILL_POOL = 2;
const HOUR = 3600;

const jobs: Job[] = Array.from({ length: 36 }, (_, k) => {
  const town = TOWNS[(k * 7) % TOWNS.length]!;
  const offset = ((k * 37) % 11) / 400;
  const pool = k % 3 === 0;
  return {
    id: k + 1,
    description: `${pool ? 'Entretien piscine' : 'Entretien PAC'} — ${town[0]}`,
    location: [town[1] + offset, town[2] - offset],
    service: pool ? 45 * 60 : 75 * 60,
    skills: [pool ? SKILL_POOL : SKILL_HEAT_PUMP],
    priority: k % 9 === 0 ? 80 : 10,
    time_windows: k % 4 === 0 ? [[8 * HOUR, 12 * HOUR]] : k % 4 === 1 ? [[13 * HOUR, 18 * HOUR]] : [[8 * HOUR, 18 * HOUR]],
  };
});

const home: readonly [number, number] = [5.4474, 43.5297];
const vehicles: Vehicle[] = ['Camille', 'Lucas', 'Inès', 'Hugo', 'Léa'].map((name, k) => ({
  id: k + 1,
  description: name,
  start: home,
  end: home,
  skills: k < 2 ? [SKILL_HEAT_PUMP, SKILL_POOL] : k < 4 ? [SKILL_HEAT_PUMP] : [SKILL_POOL],
  time_window: [7.5 * HOUR, 18.5 * HOUR],
  breaks: [{ id: 100 + k, description: 'Déjeuner', time_windows: [[12 * HOUR, 14 * HOUR]], service: 45 * 60 }],
}));

const input: Input = { jobs, vehicles };
const output = solve(input, { seed: 1, timeLimitMs: 2000, clock: () => performance.now() });
if (output.code !== 0) {
  console.error(`error ${output.code}: ${output.error}`);
  process.exit(output.code);
}
const clock = (s: number) => `${String(Math.floor(s / HOUR)).padStart(2, '0')}:${String(Math.floor((s % HOUR) / 60)).padStart(2, '0')}`;
console.log('Tournée — demo day around Aix-en-Provence (engine only; the server and board come next)\n');
for (const route of output.routes) {
  console.log(
    `${route.description}: ${route.steps.filter((s) => s.type === 'job').length} visits, ${Math.round(route.distance / 1000)} km, ${Math.round(route.duration / 60)} min on the road`,
  );
  for (const step of route.steps) {
    const what = step.type === 'job' ? step.description : step.type === 'break' ? 'Déjeuner' : step.type === 'start' ? 'Départ' : 'Retour';
    console.log(`  ${clock(step.arrival + step.waiting_time)}  ${what}`);
  }
}
console.log(`\n${output.summary.routes} tours, ${Math.round(output.summary.distance / 1000)} km, ${output.summary.unassigned} visits unassigned.`);
