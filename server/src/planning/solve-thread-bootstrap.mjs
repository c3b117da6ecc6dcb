// Entry of a solver thread. Worker threads do not inherit the TypeScript
// loader the main thread runs under (tsx, vitest), so register tsx here before
// importing the TypeScript entry. Plain JavaScript on purpose.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
