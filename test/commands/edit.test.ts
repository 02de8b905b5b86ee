// jn edit: JN's jn-edit demo (demos/json-editing of botassembly/jn) with its
// expected outputs, then what the demo does not show: order, paths, exact
// numbers and key order, errors naming the edit and the record.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jn, splitMark, tempDir } from '../helpers.ts';

const dir = tempDir('jn-edit-');
const sample = join(dir, 'sample.json');
writeFileSync(
  sample,
  JSON.stringify(
    { name: 'Alice', age: 30, email: 'alice@example.com', active: true, tags: ['developer', 'admin'], profile: { bio: 'Software engineer', location: 'NYC', social: { twitter: '@alice', github: 'alice' } }, settings: { theme: 'light', notifications: true } },
    null,
    2,
  ) + '\n',
);
const users = join(dir, 'users.jsonl');
writeFileSync(
  users,
  ['{"id": 1, "name": "Alice", "role": "admin", "active": true}', '{"id": 2, "name": "Bob", "role": "user", "active": false}', '{"id": 3, "name": "Carol", "role": "user", "active": true}', '{"id": 4, "name": "Dave", "role": "guest", "active": false}'].join('\n') + '\n',
);

/** `jn cat FILE | jn edit ARGS`: the edit's stdout, status and stderr. */
async function edit(file: string, args: string[]) {
  const cat = await jn(['cat', file]);
  assert.equal(cat.code, 0, cat.stderr);
  return jn(['edit', ...args], { input: cat.stdout });
}

const REST = '"email":"alice@example.com","active":true,"tags":["developer","admin"],"profile":{"bio":"Software engineer","location":"NYC","social":{"twitter":"@alice","github":"alice"}},"settings":{"theme":"light","notifications":true}}';

describe('jn edit', () => {
  it("runs JN's json-editing demo with the original's expected outputs", async () => {
    const cases: [string[], string][] = [
      [['.name=Bob'], `{"name":"Bob","age":30,${REST}`],
      [['.age:=25'], `{"name":"Alice","age":25,${REST}`],
      [['.profile.location=Boston'], `{"name":"Alice","age":30,${REST.replace('"NYC"', '"Boston"')}`],
      [['--del', '.email'], `{"name":"Alice","age":30,${REST.replace('"email":"alice@example.com",', '')}`],
      [['.name=Charlie', '.age:=35'], `{"name":"Charlie","age":35,${REST}`],
      [['--append', '.tags', 'moderator'], `{"name":"Alice","age":30,${REST.replace('"admin"]', '"admin","moderator"]')}`],
      [['--merge', '{"name": "Eve", "age": 28}'], `{"name":"Eve","age":28,${REST}`],
    ];
    for (const [args, expected] of cases) {
      const r = await edit(sample, args);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, expected + '\n', args.join(' '));
    }
    const all = await edit(users, ['.verified:=true']);
    assert.equal(
      all.stdout,
      [
        '{"id":1,"name":"Alice","role":"admin","active":true,"verified":true}',
        '{"id":2,"name":"Bob","role":"user","active":false,"verified":true}',
        '{"id":3,"name":"Carol","role":"user","active":true,"verified":true}',
        '{"id":4,"name":"Dave","role":"guest","active":false,"verified":true}',
      ].join('\n') + '\n',
    );
  });

  it("and the rest of the original's examples: prepend, index, null, nested delete, recursive merge, paths created", async () => {
    const one = async (args: string[], input = '{"tags":["developer","admin"],"email":"a@b","profile":{"bio":"x","location":"NYC"}}\n') => {
      const r = await jn(['edit', ...args], { input });
      assert.equal(r.code, 0, r.stderr);
      return r.stdout;
    };
    assert.equal(await one(['--prepend', '.tags', 'owner']), '{"tags":["owner","developer","admin"],"email":"a@b","profile":{"bio":"x","location":"NYC"}}\n');
    assert.equal(await one(['.tags[0]=engineer']), '{"tags":["engineer","admin"],"email":"a@b","profile":{"bio":"x","location":"NYC"}}\n');
    assert.equal(await one(['.email:=null']), '{"tags":["developer","admin"],"email":null,"profile":{"bio":"x","location":"NYC"}}\n');
    assert.equal(await one(['--del', '.profile.bio', '--del', '.email']), '{"tags":["developer","admin"],"profile":{"location":"NYC"}}\n');
    assert.equal(await one(['--merge', '{"profile": {"bio": "Designer"}, "n": 1}']), '{"tags":["developer","admin"],"email":"a@b","profile":{"bio":"Designer","location":"NYC"},"n":1}\n');
    assert.equal(await one(['.user.profile.settings.theme=dark'], '{}\n'), '{"user":{"profile":{"settings":{"theme":"dark"}}}}\n');
  });

  it('applies edits in the order given, options and assignments mixed', async () => {
    const r = await jn(['edit', '--del', '.a', '.a=new', '--append', '.l=x', '--append', '.l:={"k":1}', '.l[3]:=true', '.l[-1]=last'], { input: '{"a":1,"b":2}\n' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"b":2,"a":"new","l":["x",{"k":1},null,"last"]}\n');
  });

  it('keeps key order and the text of numbers it does not touch; quoted keys', async () => {
    const r = await jn(['edit', '."a b"=1', '.["c.d"]:=1.0', '.big:=12345678901234567890'], { input: '{"b":1,"2023":2.50,"id":98765432109876543210,"x":1e400}\n' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"b":1,"2023":2.50,"id":98765432109876543210,"x":1e400,"a b":"1","c.d":1.0,"big":12345678901234567890}\n');
  });

  it('an edit that cannot be done names the edit and the record line; usage errors exit 2', async () => {
    const r = await jn(['edit', '.name.first=A'], { input: '{"name":{"first":"x"}}\n{"name":"Bob"}\n' });
    assert.equal(r.code, 3);
    assert.equal(r.stderr, 'jn: edit: stdin: line 2: .name.first=A: .name is a string, not an object\n');
    assert.equal(splitMark(r.stdout).records, '{"name":{"first":"A"}}\n');
    const arr = await jn(['edit', '--append', '.n=1'], { input: '{"n":5}\n' });
    assert.equal(arr.stderr, 'jn: edit: stdin: line 1: --append .n=1: .n is a number, not an array\n');
    for (const [args, message] of [
      [['.a:=3x'], /\.a:=3x: the value after := is not JSON .*; for a string use =/],
      [['name=x'], /name=x: a path starts with "\."/],
      [['--merge', '[1]'], /--merge \[1\]: expected a JSON object/],
      [['--del'], /--del needs a PATH/],
      [['--nope', '.a'], /unknown option '--nope'/],
      [[], /no edits given/],
    ] as const) {
      const u = await jn(['edit', ...args], { input: '{}\n' });
      assert.equal(u.code, 2, args.join(' '));
      assert.match(u.stderr, message);
      assert.equal(u.stderr.split('\n').length, 2, 'one line');
    }
    const notObject = await jn(['edit', '.a=1'], { input: '[1]\n' });
    assert.equal(notObject.code, 3);
    assert.match(notObject.stderr, /line 1: expected a JSON object, got array/);
  });

  it('is a jn shell stage and listed by jn --help', async () => {
    const help = await jn(['--help']);
    assert.match(help.stdout, /^\s+edit \[edits\.\.\.\]\s+Edit each record/m);
    const own = await jn(['edit', '--help']);
    assert.match(own.stdout, /--merge '\{"a":1\}'/);
    const { stageArgv } = await import('../../src/shell/stage.ts');
    assert.deepEqual(stageArgv('edit .a=1 --del .b'), ['edit', '.a=1', '--del', '.b']);
  });
});
