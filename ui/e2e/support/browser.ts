// Headless Chromium from Debian's `chromium` package, driven by playwright-core
// (never `npx playwright install`: its downloads cannot be reached). Flags and
// a fresh profile per launch, which is what worked on a machine without internet.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ChromiumStatus {
  readonly available: boolean;
  readonly reason: string;
}

export function checkChromium(): ChromiumStatus {
  return existsSync(CHROMIUM_PATH) ? { available: true, reason: '' } : { available: false, reason: `${CHROMIUM_PATH} not found (apt-get install -y chromium)` };
}

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** The localStorage key that makes the board expose `window.__tournee` and `window.__tourneeMap` (ui/src/state/debug.ts). */
export const DEBUG_STORAGE_KEY = 'tournee.debug';

/**
 * A persistent context on a throwaway profile: the facts' "fresh user-data-dir".
 * `debug` (default true): every page of the context opts in to the board's
 * debug handles, which the tests read the board's state and map through; pass
 * false to see the board as a user does (no handles).
 */
export async function launchBrowser(options: { width?: number; height?: number; debug?: boolean; locale?: string } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'tournee-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
    // The browser's own language (its date and time pickers); the board speaks French whatever it is.
    locale: options.locale ?? 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  if (options.debug ?? true) await context.addInitScript((key) => window.localStorage.setItem(key, '1'), DEBUG_STORAGE_KEY);
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export const isCI = (): boolean => process.env.CI === 'true';
