// JN's demos/folder-profiles: named profiles over folders of JSONL files
// (`pattern`, `filter`, `inject_meta`), run against jn with the demo's own
// files and compared with its expected.txt. jn reads a project's .jn/ only
// once it is trusted (`jn trust DIR`); JN read it at once. The demo pipes
// into jq; jn's spelling is jn filter (the same jq language).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demo } from './demo.ts';

const profile = (o: Record<string, unknown>) => JSON.stringify(o, null, 2) + '\n';
const lines = (...records: string[]) => records.join('\n') + '\n';

const files = {
  '.jn/profiles/file/events/_meta.json': profile({ description: 'Event log profiles', inject_meta: true }),
  '.jn/profiles/file/events/all.json': profile({ pattern: 'test_data/events/**/*.jsonl', description: 'All events across all months and types' }),
  '.jn/profiles/file/events/errors.json': profile({ pattern: 'test_data/events/**/*.jsonl', filter: 'select(.event_type == "error")', description: 'Error events only' }),
  '.jn/profiles/file/events/january.json': profile({ pattern: 'test_data/events/2024-01/**/*.jsonl', description: 'All January 2024 events' }),
  '.jn/profiles/file/events/logins.json': profile({ pattern: 'test_data/events/**/*.jsonl', filter: 'select(.event_type == "login")', description: 'Login events only' }),
  '.jn/profiles/file/events/orders.json': profile({ pattern: 'test_data/events/**/*.jsonl', filter: 'select(.event_type | startswith("order_"))', description: 'Order-related events' }),
  '.jn/profiles/file/events/users.json': profile({ pattern: 'test_data/events/**/*.jsonl', filter: 'select(.event_type == "login" or .event_type == "logout")', description: 'User login/logout events only' }),
  '.jn/profiles/file/metrics/_meta.json': profile({ description: 'Server metrics profiles', inject_meta: true }),
  '.jn/profiles/file/metrics/all.json': profile({ pattern: 'test_data/metrics/**/*.jsonl', description: 'All server metrics' }),
  '.jn/profiles/file/metrics/cpu.json': profile({ pattern: 'test_data/metrics/**/*.jsonl', filter: 'select(.metric == "cpu_usage")', description: 'CPU usage metrics only' }),
  '.jn/profiles/file/metrics/high_cpu.json': profile({ pattern: 'test_data/metrics/**/*.jsonl', filter: 'select(.metric == "cpu_usage" and .value > 50)', description: 'High CPU usage (>50%)' }),
  'test_data/events/2024-01/errors.jsonl': lines(
    '{"timestamp": "2024-01-15T10:05:00Z", "event_type": "error", "level": "ERROR", "message": "Database connection failed", "service": "api"}',
    '{"timestamp": "2024-01-15T15:30:00Z", "event_type": "error", "level": "WARN", "message": "Rate limit exceeded", "service": "api", "user_id": "user456"}',
  ),
  'test_data/events/2024-01/orders.jsonl': lines(
    '{"timestamp": "2024-01-15T09:00:00Z", "event_type": "order_created", "order_id": "ORD001", "user_id": "user123", "total": 99.99}',
    '{"timestamp": "2024-01-15T14:00:00Z", "event_type": "order_shipped", "order_id": "ORD001", "carrier": "UPS"}',
    '{"timestamp": "2024-01-16T10:00:00Z", "event_type": "order_delivered", "order_id": "ORD001"}',
  ),
  'test_data/events/2024-01/users.jsonl': lines(
    '{"timestamp": "2024-01-15T10:00:00Z", "event_type": "login", "user_id": "user123", "ip": "192.168.1.1"}',
    '{"timestamp": "2024-01-15T10:30:00Z", "event_type": "logout", "user_id": "user123", "session_duration": 1800}',
    '{"timestamp": "2024-01-15T11:00:00Z", "event_type": "login", "user_id": "user456", "ip": "192.168.1.2"}',
  ),
  'test_data/events/2024-02/orders.jsonl': lines(
    '{"timestamp": "2024-02-01T10:00:00Z", "event_type": "order_created", "order_id": "ORD002", "user_id": "user789", "total": 149.99}',
    '{"timestamp": "2024-02-02T09:00:00Z", "event_type": "order_shipped", "order_id": "ORD002", "carrier": "FedEx"}',
  ),
  'test_data/events/2024-02/users.jsonl': lines(
    '{"timestamp": "2024-02-01T08:00:00Z", "event_type": "login", "user_id": "user789", "ip": "10.0.0.1"}',
    '{"timestamp": "2024-02-01T12:00:00Z", "event_type": "login", "user_id": "user123", "ip": "192.168.1.1"}',
    '{"timestamp": "2024-02-01T18:00:00Z", "event_type": "logout", "user_id": "user123", "session_duration": 21600}',
  ),
  'test_data/metrics/server1/cpu.jsonl': lines(
    '{"timestamp": "2024-01-15T10:00:00Z", "metric": "cpu_usage", "value": 45.2, "host": "server1"}',
    '{"timestamp": "2024-01-15T10:01:00Z", "metric": "cpu_usage", "value": 52.1, "host": "server1"}',
    '{"timestamp": "2024-01-15T10:02:00Z", "metric": "cpu_usage", "value": 48.7, "host": "server1"}',
  ),
  'test_data/metrics/server1/memory.jsonl': lines(
    '{"timestamp": "2024-01-15T10:00:00Z", "metric": "memory_pct", "value": 78.5, "host": "server1"}',
    '{"timestamp": "2024-01-15T10:01:00Z", "metric": "memory_pct", "value": 79.2, "host": "server1"}',
  ),
  'test_data/metrics/server2/cpu.jsonl': lines(
    '{"timestamp": "2024-01-15T10:00:00Z", "metric": "cpu_usage", "value": 32.1, "host": "server2"}',
    '{"timestamp": "2024-01-15T10:01:00Z", "metric": "cpu_usage", "value": 35.8, "host": "server2"}',
  ),
};

// demos/folder-profiles/expected.txt
const EXPECTED = `=== Folder Profiles Demo ===

1. Query all events (count):
13

2. Query login events only:
{"event_type":"login","user_id":"user123","ip":"192.168.1.1"}
{"event_type":"login","user_id":"user456","ip":"192.168.1.2"}
{"event_type":"login","user_id":"user789","ip":"10.0.0.1"}
{"event_type":"login","user_id":"user123","ip":"192.168.1.1"}

3. Query order events:
{"event_type":"order_created","order_id":"ORD001","total":99.99}
{"event_type":"order_shipped","order_id":"ORD001","total":null}
{"event_type":"order_delivered","order_id":"ORD001","total":null}
{"event_type":"order_created","order_id":"ORD002","total":149.99}
{"event_type":"order_shipped","order_id":"ORD002","total":null}

4. Query January events (count by type):
[{"type":"error","count":2},{"type":"login","count":2},{"type":"logout","count":1},{"type":"order_created","count":1},{"type":"order_delivered","count":1},{"type":"order_shipped","count":1}]

5. Query CPU metrics:
{"host":"server1","value":45.2}
{"host":"server1","value":52.1}
{"host":"server1","value":48.7}
{"host":"server2","value":32.1}
{"host":"server2","value":35.8}

6. Query high CPU (>50%):
{"host":"server1","value":52.1}

7. Example profile definition:
{
  "pattern": "test_data/events/**/*.jsonl",
  "filter": "select(.event_type == \\"login\\")",
  "description": "Login events only"
}

=== Done ===
`;

describe('JN demo: folder-profiles', () => {
  const d = demo(files);

  it('an untrusted project: its profiles are ignored, with a hint (JN read them at once)', async () => {
    const r = await d.sh('jn cat @events/all');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^jn: ignoring project profiles in .*\/\.jn \(not trusted; run: jn trust .*\)\njn: cat: no profile @events\/all/);
  });

  it("once trusted, the demo's command lines print its expected.txt (jq written jn filter)", async () => {
    assert.equal((await d.sh('jn trust .')).code, 0);
    const text = await d.transcript('Folder Profiles Demo', [
      { title: '1. Query all events (count):', line: "jn cat @events/all | jn filter -s 'length'" },
      { title: '2. Query login events only:', line: "jn cat @events/logins | jn filter -c '{event_type, user_id, ip}'" },
      { title: '3. Query order events:', line: "jn cat @events/orders | jn filter -c '{event_type, order_id, total}'" },
      { title: '4. Query January events (count by type):', line: "jn cat @events/january | jn filter -sc 'group_by(.event_type) | map({type: .[0].event_type, count: length})'" },
      { title: '5. Query CPU metrics:', line: "jn cat @metrics/cpu | jn filter -c '{host, value}'" },
      { title: '6. Query high CPU (>50%):', line: "jn cat @metrics/high_cpu | jn filter -c '{host, value}'" },
      { title: '7. Example profile definition:', line: 'cat .jn/profiles/file/events/logins.json' },
    ]);
    assert.equal(text, EXPECTED);
  });

  it('inject_meta puts the file fields first, as in the demo\'s earlier expected.txt (numbers and key order kept)', async () => {
    const r = await d.sh('jn cat @events/errors');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      lines(
        '{"_path":"test_data/events/2024-01/errors.jsonl","_dir":"test_data/events/2024-01","_filename":"errors.jsonl","_basename":"errors","_ext":".jsonl","_file_index":0,"_line_index":0,"timestamp":"2024-01-15T10:05:00Z","event_type":"error","level":"ERROR","message":"Database connection failed","service":"api"}',
        '{"_path":"test_data/events/2024-01/errors.jsonl","_dir":"test_data/events/2024-01","_filename":"errors.jsonl","_basename":"errors","_ext":".jsonl","_file_index":0,"_line_index":1,"timestamp":"2024-01-15T15:30:00Z","event_type":"error","level":"WARN","message":"Rate limit exceeded","service":"api","user_id":"user456"}',
      ),
    );
    const high = await d.sh("jn cat @metrics/high_cpu | jn filter -c '{host: .host, cpu: .value}'");
    assert.equal(high.stdout, '{"host":"server1","cpu":52.1}\n');
    const users = await d.sh("jn cat @events/logins | jn head -n 2 | jn filter -c '{user: .user_id, file: ._filename}'");
    assert.equal(users.stdout, '{"user":"user123","file":"users.jsonl"}\n{"user":"user456","file":"users.jsonl"}\n');
  });
});
