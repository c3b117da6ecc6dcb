import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBundleFresh } from '../../cli/bundle-freshness.mjs';
import { scratchDir } from './support.ts';

/** bin.mjs runs the compiled CLI only while no source is newer than it (cli/bundle-freshness.mjs). */

describe('isBundleFresh', () => {
  const dir = scratchDir('tournee-fresh-');

  /** A file written with the given modification time (seconds since the epoch). */
  function file(path: string, mtime: number): string {
    const full = join(dir(), path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, '');
    utimesSync(full, mtime, mtime);
    return full;
  }

  function tree(): { bundle: string; src: string; cli: string } {
    const root = `t${Math.random().toString(36).slice(2)}`;
    file(`${root}/src/a.ts`, 1000);
    file(`${root}/src/deep/b.ts`, 1000);
    file(`${root}/cli/c.ts`, 1000);
    for (const folder of ['src/deep', 'src', 'cli']) utimesSync(join(dir(), root, folder), 1000, 1000);
    return { bundle: file(`${root}/dist/tournee.mjs`, 2000), src: join(dir(), root, 'src'), cli: join(dir(), root, 'cli') };
  }

  it('is fresh when the bundle is newer than every source', () => {
    const { bundle, src, cli } = tree();
    expect(isBundleFresh(bundle, [src, cli])).toBe(true);
  });

  it('is stale when a source deep in a folder was edited after the build', () => {
    const { bundle, src, cli } = tree();
    utimesSync(join(src, 'deep/b.ts'), 3000, 3000);
    expect(isBundleFresh(bundle, [src, cli])).toBe(false);
  });

  it('is stale when a file was added to a folder after the build', () => {
    const { bundle, src, cli } = tree();
    utimesSync(cli, 3000, 3000); // what adding or removing a file does to its folder
    expect(isBundleFresh(bundle, [src, cli])).toBe(false);
  });

  it('is stale when there is no bundle, and ignores sources that do not exist', () => {
    const { bundle, src } = tree();
    expect(isBundleFresh(join(dir(), 'none.mjs'), [src])).toBe(false);
    expect(isBundleFresh(bundle, [src, join(dir(), 'missing')])).toBe(true);
  });
});
