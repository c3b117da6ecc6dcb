// The real server (`server/src/main.ts`) in a child process on a free port
// with a throwaway DATA_DIR (embedded PGlite, demo company seeded), as a
// dispatcher would meet it. The UI is built first (ui/dist), as `npm start` does.
// DATA_DIR starts as a copy of the run's migrated PGlite template (see
// server/test/support/pglite-template.ts): the server then seeds and plans the
// demo on it as on a first start, without creating and migrating a database
// for every file.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshPgliteDataDir } from '../../../server/test/support/pglite-template.ts';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

export interface RunningServer {
  readonly url: string;
  readonly dataDir: string;
  /** The day the demo company's work was seeded for (DEMO_DAY=next: tomorrow, in Paris). */
  readonly demoDay: string | null;
  /** Everything the server printed, for failure messages. */
  readonly output: () => string;
  stop(): Promise<void>;
}

export function buildUi(): void {
  const result = spawnSync(process.execPath, [join(ROOT, 'ui', 'scripts', 'build-if-stale.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`building the UI failed:\n${result.stdout}\n${result.stderr}`);
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => ok(port));
    });
  });
}

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = await freshPgliteDataDir('tournee-e2e-');
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'server', 'src', 'main.ts')], {
    cwd: ROOT,
    // DEMO_DAY=next: the demo's work is tomorrow's, a whole day ahead, so what the
    // tests can plan and move does not depend on the hour they run at.
    // TILE_URL=off: no street tiles from the internet (unreachable here) unless a test serves its own (map.test.ts).
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DEMO: '1', DEMO_DAY: 'next', REDIS_URL: '', DATABASE_URL: '', TILE_URL: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000;
  while (!/listening on http/.test(output)) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the server exited (${child.exitCode}) before listening:\n${output}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not listen within 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const demoDay = /demo company seeded for (\d{4}-\d{2}-\d{2})/.exec(output)?.[1] ?? null;
  return { url: `http://127.0.0.1:${port}`, dataDir, demoDay, output: () => output, stop };
}
