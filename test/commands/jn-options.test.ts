// JN's options: jn cat --delimiter/--no-header, jn put --delimiter/--indent,
// jn analyze --sample/--format; each the same as its address param or flag.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jn, ndjson, run, jnBin, tempDir } from '../helpers.ts';

const dir = tempDir('jn-jnopts-');
const semi = join(dir, 'semi.csv');
writeFileSync(semi, 'a;b\n1;x y\n');

describe("JN's options", () => {
  it('jn cat --delimiter and --no-header are ?delimiter= and ?header=false (an address\'s own param wins)', async () => {
    const r = await jn(['cat', '--delimiter', ';', semi]);
    assert.equal(r.stdout, '{"a":1,"b":"x y"}\n');
    const nh = await jn(['cat', '--no-header', '--delimiter=;', semi]);
    assert.equal(nh.stdout, '{"1":"a","2":"b"}\n{"1":1,"2":"x y"}\n');
    const own = await jn(['cat', '--delimiter=;', `${semi}?delimiter=,`]);
    assert.deepEqual(ndjson(own.stdout), [{ 'a;b': '1;x y' }]);
    const bad = await jn(['cat', '--delimiter=ab', semi]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--delimiter: expected one character/);
  });

  it('jn put --delimiter and --indent are ?delimiter= and ?indent=; --indent on a CSV is refused', async () => {
    const input = '{"a":1,"b":{"c":[2]}}\n';
    const csv = await jn(['put', '--delimiter', '|', '-~csv'], { input });
    assert.equal(csv.stdout, 'a|b\n1|"{""c"":[2]}"\n');
    const json = await jn(['put', '--indent', '4', '-~json'], { input });
    assert.equal(json.stdout, '[\n    {\n        "a": 1,\n        "b": {\n            "c": [\n                2\n            ]\n        }\n    }\n]\n');
    assert.deepEqual(JSON.parse(json.stdout), [{ a: 1, b: { c: [2] } }]);
    const pretty = await jn(['put', '-~json?pretty=true'], { input });
    const two = await jn(['put', '--indent=2', '-~json'], { input });
    assert.equal(two.stdout, pretty.stdout);
    const refused = await jn(['put', '--indent', '2', '-~csv'], { input });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /unknown option --indent/);
  });

  it('jn analyze --sample=N reads N records and stops its input; --format=table is --table', async () => {
    const r = await run('sh', ['-c', `yes '{"x":1}' | "${process.execPath}" "${jnBin}" analyze --sample=3`], { timeoutMs: 20_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).records, 3);
    const input = '{"x":1}\n{"x":2}\n';
    const [a, b] = await Promise.all([jn(['analyze', '--format', 'table'], { input }), jn(['analyze', '--table'], { input })]);
    assert.equal(a.stdout, b.stdout);
    assert.match(a.stdout, /^2 records\n/);
    const bad = await jn(['analyze', '--format=xml'], { input });
    assert.equal(bad.code, 2);
  });
});
