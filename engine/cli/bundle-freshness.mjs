// Whether the compiled CLI may run: it exists and no source it was built from is newer. A cheap
// mtime walk (a few hundred files, a few milliseconds), so that a developer who edits the sources
// never runs a stale build: bin.mjs then falls back to the TypeScript through tsx.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** True when `bundle` exists and is not older than any file under `sources` (files or folders). */
export function isBundleFresh(bundle, sources) {
  let builtMs;
  try {
    builtMs = statSync(bundle).mtimeMs;
  } catch {
    return false;
  }
  return sources.every((source) => !hasNewer(source, builtMs));
}

function hasNewer(path, builtMs) {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return false; // a source that does not exist cannot be newer
  }
  if (!stats.isDirectory()) return stats.mtimeMs > builtMs;
  // A folder's own mtime changes when a file is added, removed or renamed in it.
  if (stats.mtimeMs > builtMs) return true;
  return readdirSync(path).some((name) => hasNewer(join(path, name), builtMs));
}
