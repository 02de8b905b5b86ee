// The original JN's demos/table-rendering (run.sh and expected.txt): the
// same commands give the same text, byte for byte.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jn, run, jnBin, tempDir } from '../helpers.ts';

const SAMPLE = '{"product":"Widget","price":9.99,"stock":100}\n{"product":"Gadget","price":19.99,"stock":50}\n{"product":"Gizmo","price":14.99,"stock":75}\n';

const EXPECTED = `=== Table Rendering Demo ===

1. Basic grid table (default):
+-----------+---------+---------+
| product   |   price |   stock |
+===========+=========+=========+
| Widget    |    9.99 |     100 |
+-----------+---------+---------+
| Gadget    |   19.99 |      50 |
+-----------+---------+---------+
| Gizmo     |   14.99 |      75 |
+-----------+---------+---------+

2. GitHub markdown table:
| product   |   price |   stock |
|-----------|---------|---------|
| Widget    |    9.99 |     100 |
| Gadget    |   19.99 |      50 |
| Gizmo     |   14.99 |      75 |

3. Simple format (minimal):
product      price    stock
---------  -------  -------
Widget        9.99      100
Gadget       19.99       50
Gizmo        14.99       75

4. Pipeline: filter then table:
+-----------+---------+---------+
| product   |   price |   stock |
+===========+=========+=========+
| Gadget    |   19.99 |      50 |
+-----------+---------+---------+
| Gizmo     |   14.99 |      75 |
+-----------+---------+---------+

=== Done ===
`;

const dir = tempDir();
const opts = { cwd: dir, env: { ...process.env, JN_HOME: dir } };

/** What $(...) then echo make of a command's output. */
function echoed(out: string): string {
  return out.replace(/\n+$/, '') + '\n';
}

describe('demos/table-rendering', () => {
  it('gives expected.txt', async () => {
    const out1 = await jn(['table'], { ...opts, input: SAMPLE });
    const out2 = await jn(['table', '--tablefmt=github'], { ...opts, input: SAMPLE });
    const out3 = await jn(['table', '--tablefmt=simple'], { ...opts, input: SAMPLE });
    // echo "$SAMPLE" | jn filter 'select(.price > 10)' | jn table, through a shell pipe
    const out4 = await run('/bin/sh', ['-c', `"${process.execPath}" "${jnBin}" filter 'select(.price > 10)' | "${process.execPath}" "${jnBin}" table`], { ...opts, input: SAMPLE });
    for (const r of [out1, out2, out3, out4]) assert.deepEqual([r.code, r.stderr], [0, '']);
    const actual =
      '=== Table Rendering Demo ===\n\n' +
      '1. Basic grid table (default):\n' + echoed(out1.stdout) + '\n' +
      '2. GitHub markdown table:\n' + echoed(out2.stdout) + '\n' +
      '3. Simple format (minimal):\n' + echoed(out3.stdout) + '\n' +
      '4. Pipeline: filter then table:\n' + echoed(out4.stdout) + '\n' +
      '=== Done ===\n';
    assert.equal(actual, EXPECTED);
  });
});
