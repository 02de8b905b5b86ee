// JN's demos/jn-grep: text to NDJSON with `jn sh --raw cat FILE` (a record
// per line, {"line": N, "text": "..."}) and grep-like filters, compared with
// the demo's expected.txt. The demo spells them `jn-sh` and `zq`; jn's
// spelling is `jn sh` and `jn filter`. One line differs: ZQ's
// `not (EXPR)` is not jq (jq's `not` takes no argument: `EXPR | not`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demo } from './demo.ts';

const files = {
  'test_data/app.log': `2024-12-15 10:00:01 INFO Starting application
2024-12-15 10:00:02 DEBUG Loading configuration
2024-12-15 10:00:03 INFO Database connected
2024-12-15 10:00:05 WARN High memory usage detected
2024-12-15 10:00:10 ERROR Failed to connect to cache
2024-12-15 10:00:11 INFO Retrying connection
2024-12-15 10:00:15 ERROR Cache connection timeout
2024-12-15 10:00:20 INFO Application ready
`,
  'test_data/users.txt': `alice:1001:Engineering:alice@example.com
bob:1002:Marketing:bob@example.com
charlie:1003:Engineering:charlie@example.com
diana:1004:Sales:diana@example.com
`,
};

// demos/jn-grep/expected.txt
const EXPECTED = `=== JN Grep Demo ===

1. Convert text to NDJSON with line numbers:
{"line":1,"text":"2024-12-15 10:00:01 INFO Starting application"}
{"line":2,"text":"2024-12-15 10:00:02 DEBUG Loading configuration"}
{"line":3,"text":"2024-12-15 10:00:03 INFO Database connected"}

2. Search for ERROR lines:
{"line":5,"text":"2024-12-15 10:00:10 ERROR Failed to connect to cache"}
{"line":7,"text":"2024-12-15 10:00:15 ERROR Cache connection timeout"}

3. Get line numbers of errors:
5
7

4. Lines NOT containing DEBUG:
{"line":1,"text":"2024-12-15 10:00:01 INFO Starting application"}
{"line":3,"text":"2024-12-15 10:00:03 INFO Database connected"}
{"line":4,"text":"2024-12-15 10:00:05 WARN High memory usage detected"}
{"line":5,"text":"2024-12-15 10:00:10 ERROR Failed to connect to cache"}
{"line":6,"text":"2024-12-15 10:00:11 INFO Retrying connection"}
{"line":7,"text":"2024-12-15 10:00:15 ERROR Cache connection timeout"}
{"line":8,"text":"2024-12-15 10:00:20 INFO Application ready"}

5. Parse colon-delimited file:
{"line":1,"user":"alice","dept":"Engineering"}
{"line":2,"user":"bob","dept":"Marketing"}
{"line":3,"user":"charlie","dept":"Engineering"}
{"line":4,"user":"diana","dept":"Sales"}

6. Count lines matching pattern:
2

=== Done ===
`;

describe('JN demo: jn-grep (jn sh as grep)', () => {
  const d = demo(files);

  it("the demo's command lines print its expected.txt (jn-sh written jn sh, zq jn filter, not (X) written X | not)", async () => {
    const text = await d.transcript('JN Grep Demo', [
      { title: '1. Convert text to NDJSON with line numbers:', line: 'jn sh --raw cat test_data/app.log | head -3' },
      { title: '2. Search for ERROR lines:', line: `jn sh --raw cat test_data/app.log | jn filter 'select(.text | contains("ERROR"))'` },
      { title: '3. Get line numbers of errors:', line: `jn sh --raw cat test_data/app.log | jn filter -r 'select(.text | contains("ERROR")) | .line'` },
      { title: '4. Lines NOT containing DEBUG:', line: `jn sh --raw cat test_data/app.log | jn filter 'select(.text | contains("DEBUG") | not)'` },
      { title: '5. Parse colon-delimited file:', line: `jn sh --raw cat test_data/users.txt | jn filter '{line, user: (.text | split(":") | first), dept: (.text | split(":") | .[2])}'` },
      { title: '6. Count lines matching pattern:', line: `jn sh --raw cat test_data/app.log | jn filter 'select(.text | contains("ERROR"))' | jn filter -s 'length'` },
    ]);
    assert.equal(text, EXPECTED);
  });

  it("ZQ's not (EXPR) is refused as jq 1.7 refuses it: not/1 is not defined (status 3)", async () => {
    const r = await d.sh(`jn sh --raw cat test_data/app.log | jn filter 'select(not (.text | contains("DEBUG")))'`);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /^jn: filter: not\/1 is not defined at line 1, column 8\n/);
  });

  it('jn sh without --raw reads cat as lines too (jc has no parser for cat), and works as a stage (grep on the NDJSON lines)', async () => {
    const r = await d.sh('jn sh cat test_data/app.log | jn sh grep -c ERROR');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"line":1,"text":"2"}\n');
  });
});
