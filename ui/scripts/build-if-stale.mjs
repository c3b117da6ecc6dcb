// `npm start`'s prestart (and the e2e tests' first step): builds the UI
// (vite build → ui/dist) when dist is missing or older than any source file,
// so a plain `npm start` serves a current board without paying for a rebuild
// every time. A lock directory keeps two callers (two e2e files running in
// parallel) from building into the same folder at once.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ui = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(ui, 'dist', 'index.html');
const lock = join(ui, '.build-lock');
const sources = ['src', 'index.html', 'tech', 'public', 'vite.config.ts', 'vite', 'package.json', '../contracts/src'];
const STALE_LOCK_MS = 180_000;

function newest(path) {
  const full = join(ui, path);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(full).reduce((m, name) => Math.max(m, newest(join(path, name))), stat.mtimeMs);
}

const stale = () => !existsSync(built) || sources.some((s) => newest(s) > statSync(built).mtimeMs);

function acquire() {
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch {
      // Someone else is building; a lock older than any build is a crashed one.
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      } catch {
        // The lock went away meanwhile: try again.
      }
      spawnSync('sleep', ['0.5']);
    }
  }
}

const force = process.argv.includes('--force');
if (!force && !stale()) {
  console.log('[ui] ui/dist is up to date');
} else {
  acquire();
  try {
    // Re-check: whoever held the lock may have just built it.
    if (force || stale()) {
      console.log('[ui] building the web UI (vite build → ui/dist)…');
      const result = spawnSync(process.execPath, [join(ui, '..', 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
        cwd: ui,
        stdio: 'inherit',
        // Under vitest NODE_ENV is "test": the served build must be React's production build all the same.
        env: { ...process.env, NODE_ENV: 'production' },
      });
      if (result.status !== 0) process.exitCode = result.status ?? 1;
    } else {
      console.log('[ui] ui/dist is up to date');
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
