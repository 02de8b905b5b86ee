// Tests that use a project's .jn/ trust it first, through the real command
// (jn trust DIR with the test's JN_HOME): until then jn ignores it.
import assert from 'node:assert/strict';
import { jn } from '../helpers.ts';

export async function trust(dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const r = await jn(['trust', dir], { env });
  assert.equal(r.code, 0, r.stderr);
}
