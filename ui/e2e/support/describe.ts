// Same rule as server/test/support/services.ts: without Chromium the suite is
// skipped with a plain message, except under CI=true where it fails.
import { describe, it } from 'vitest';
import { checkChromium, isCI } from './browser.ts';

export function describeWithChromium(name: string, body: () => void): void {
  const status = checkChromium();
  if (status.available) {
    describe(name, body);
  } else if (isCI()) {
    describe(name, () => {
      it('needs Chromium (CI=true: a missing browser fails the run)', () => {
        throw new Error(`Chromium unavailable: ${status.reason}`);
      });
    });
  } else {
    console.log(`[skipped] ${name}: Chromium unavailable (${status.reason}). Set CI=true to make this a failure.`);
    describe.skip(name, body);
  }
}
