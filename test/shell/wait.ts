// Test support for the shell tests: wait for a condition by polling it
// against a deadline, instead of sleeping a fixed time.
import assert from 'node:assert/strict';

export interface WaitOptions {
  /** The deadline, in ms from now (default 5000). */
  ms?: number;
  /** Poll interval in ms (default 10). */
  every?: number;
  /** What to print when the deadline passes (e.g. the screen). */
  show?: () => unknown;
}

/** Poll `condition` until it returns a truthy value, and return that value;
 * fail (naming `what`) if the deadline passes first. */
export async function waitFor<T>(condition: () => T | false | undefined | null, what: string, { ms = 5000, every = 10, show }: WaitOptions = {}): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = condition();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`timed out after ${ms} ms waiting for ${what}${show ? `:\n${String(show())}` : ''}`);
    await new Promise((r) => setTimeout(r, every));
  }
}
