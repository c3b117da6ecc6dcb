// Loaded with `node --import` into a solver's process by the scale benchmark (measure-process.ts): on exit,
// writes the process's own peak RSS and CPU time to the file named by BENCH_USAGE_FILE. Node gives no child's
// rusage to its parent, and sampling /proc from outside misses the last moments; from inside it is exact.
// Plain JavaScript because it runs before any TypeScript loader is registered.
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.BENCH_USAGE_FILE;
// Workers inherit --import; only the main thread's exit comes last and speaks for the whole process.
if (file && isMainThread) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKb: usage.maxRSS, userMicros: usage.userCPUTime, systemMicros: usage.systemCPUTime }));
  });
}
