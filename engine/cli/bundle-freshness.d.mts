// Types of bundle-freshness.mjs, which stays JavaScript: bin.mjs runs it before tsx is loaded.
/** True when `bundle` exists and is not older than any file under `sources` (files or folders). */
export function isBundleFresh(bundle: string, sources: readonly string[]): boolean;
