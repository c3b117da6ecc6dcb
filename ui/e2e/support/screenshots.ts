// Where the browser tests write their screenshots. By default an ignored folder
// (artifacts/screenshots/), so that `npm test` leaves the working tree as it found
// it; `npm run docs:screenshots` sets SCREENSHOTS_DIR=docs/screenshots to refresh
// the documentation's pictures on purpose.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** The folder, created if missing; a relative SCREENSHOTS_DIR is taken from the repository's root. */
export function screenshotsDir(): string {
  const dir = resolve(ROOT, process.env.SCREENSHOTS_DIR || join('artifacts', 'screenshots'));
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The path of one screenshot, e.g. `screenshotPath('board.png')`. */
export function screenshotPath(name: string): string {
  return join(screenshotsDir(), name);
}
