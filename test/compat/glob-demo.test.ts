// JN's demos/glob: quoted globs read by jn cat in sorted order, compared
// with the demo's expected.txt. One difference: JN's `jn filter -s` printed
// its result indented, as jq does on a terminal; jn filter writes compact
// JSON unless told (--pretty), so step 3 is written with --pretty.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demo } from './demo.ts';

const files = {
  'test_data/logs/2024-01/access.jsonl':
    '{"timestamp": "2024-01-15T10:30:00Z", "level": "INFO", "message": "User login", "user_id": 123}\n{"timestamp": "2024-01-15T10:31:00Z", "level": "ERROR", "message": "Connection failed", "user_id": 456}\n',
  'test_data/logs/2024-02/access.jsonl':
    '{"timestamp": "2024-02-01T09:00:00Z", "level": "WARN", "message": "Rate limit", "user_id": 789}\n{"timestamp": "2024-02-01T09:05:00Z", "level": "ERROR", "message": "Auth failed", "user_id": 101}\n',
};

// demos/glob/expected.txt
const EXPECTED = `=== Glob Demo ===

1. Read all JSONL files recursively:
{"level":"INFO","message":"User login"}
{"level":"ERROR","message":"Connection failed"}
{"level":"WARN","message":"Rate limit"}
{"level":"ERROR","message":"Auth failed"}

2. Filter for ERROR level entries:
{"message":"Connection failed","user_id":456}
{"message":"Auth failed","user_id":101}

3. Count records by level:
[
  {
    "level": "ERROR",
    "count": 2
  },
  {
    "level": "INFO",
    "count": 1
  },
  {
    "level": "WARN",
    "count": 1
  }
]

4. Read specific directory pattern:
{"timestamp":"2024-01-15T10:30:00Z","message":"User login"}
{"timestamp":"2024-01-15T10:31:00Z","message":"Connection failed"}

=== Done ===
`;

const count = `jn cat 'test_data/**/*.jsonl' | jn filter -s 'group_by(.level) | map({level: .[0] | .level, count: length})'`;

describe('JN demo: glob', () => {
  const d = demo(files);

  it("the demo's command lines print its expected.txt (step 3 with --pretty)", async () => {
    const text = await d.transcript('Glob Demo', [
      { title: '1. Read all JSONL files recursively:', line: `jn cat 'test_data/**/*.jsonl' | jn filter '{level, message}'` },
      { title: '2. Filter for ERROR level entries:', line: `jn cat 'test_data/**/*.jsonl' | jn filter 'select(.level == "ERROR")' | jn filter '{message, user_id}'` },
      { title: '3. Count records by level:', line: count.replace('jn filter -s', 'jn filter --pretty -s') },
      { title: '4. Read specific directory pattern:', line: `jn cat 'test_data/logs/2024-01/*.jsonl' | jn filter '{timestamp, message}'` },
    ]);
    assert.equal(text, EXPECTED);
  });

  it('without --pretty, jn filter -s writes the same value on one line', async () => {
    const r = await d.sh(count);
    assert.equal(r.stdout, '[{"level":"ERROR","count":2},{"level":"INFO","count":1},{"level":"WARN","count":1}]\n');
  });
});
