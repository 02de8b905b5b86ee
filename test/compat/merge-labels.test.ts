// JN's demos/adapter-merge (the merge demo): `jn merge ADDR:label=NAME ...`
// tags each record with _source and _label, compared with the demo's
// expected.txt. Two differences, both jn's documented choices: CSV values
// are typed (the amounts are numbers; `?infer=false` keeps them strings, as
// in JN), and group_by sorts the groups by key, as jq does (ZQ kept West
// before East).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demo } from './demo.ts';

const files = {
  'sales.csv': `date,region,product,amount
2024-01-15,East,Widget,500
2024-01-16,West,Gadget,750
2024-01-17,East,Widget,1200
2024-01-18,West,Widget,300
2024-01-19,East,Gadget,900
2024-01-20,West,Gadget,1500
2024-01-21,East,Widget,450
2024-01-22,West,Widget,2000
`,
};

// demos/adapter-merge/expected.txt, but for the order of step 2's groups
// (jq's group_by sorts them: East before West)
const EXPECTED = `=== Merge Demo ===

1. Merge two files with labels:
{"_label":"East","product":"Widget","amount":"500"}
{"_label":"East","product":"Widget","amount":"1200"}
{"_label":"East","product":"Gadget","amount":"900"}
{"_label":"East","product":"Widget","amount":"450"}
{"_label":"West","product":"Gadget","amount":"750"}
{"_label":"West","product":"Widget","amount":"300"}
{"_label":"West","product":"Gadget","amount":"1500"}
{"_label":"West","product":"Widget","amount":"2000"}

2. Count by label (compare regions):
[{"label":"East","count":4,"total":3050},{"label":"West","count":4,"total":4550}]

3. Merge without labels (just _source):
{"_source":"east_sales.jsonl","product":"Widget"}
{"_source":"east_sales.jsonl","product":"Widget"}
{"_source":"east_sales.jsonl","product":"Gadget"}

=== Done ===
`;

const steps = [
  { title: '1. Merge two files with labels:', line: `jn merge "east_sales.jsonl:label=East" "west_sales.jsonl:label=West" | jn filter '{_label, product, amount}'` },
  {
    title: '2. Count by label (compare regions):',
    line: `jn merge "east_sales.jsonl:label=East" "west_sales.jsonl:label=West" | jn filter -s 'group_by(._label) | map({label: .[0] | ._label, count: length, total: (map(.amount | tonumber) | add)})'`,
  },
  { title: '3. Merge without labels (just _source):', line: `jn merge east_sales.jsonl west_sales.jsonl | jn head --lines=3 | jn filter '{_source, product}'` },
];

describe('JN demo: merge with source tags', () => {
  it("with the CSV read as strings (?infer=false, JN's reading), the demo's lines print its expected.txt but for jq's group order", async () => {
    const d = demo(files);
    for (const region of ['East', 'West']) {
      const r = await d.sh(`jn cat 'sales.csv?infer=false' | jn filter 'select(.region == "${region}")' | jn put ${region.toLowerCase()}_sales.jsonl`);
      assert.equal(r.code, 0, r.stderr);
    }
    assert.equal(await d.transcript('Merge Demo', steps), EXPECTED);
  });

  it("as the demo writes it (jn cat sales.csv): the same, with the amounts as numbers", async () => {
    const d = demo(files);
    for (const region of ['East', 'West']) {
      const r = await d.sh(`jn cat sales.csv | jn filter 'select(.region == "${region}")' | jn put ${region.toLowerCase()}_sales.jsonl`);
      assert.equal(r.code, 0, r.stderr);
    }
    assert.equal(await d.transcript('Merge Demo', steps), EXPECTED.replace(/"amount":"(\d+)"/g, '"amount":$1'));
  });

  it('_source comes first and _label after it when both are asked for', async () => {
    const d = demo(files);
    await d.sh(`jn cat sales.csv | jn head -n 2 | jn put a.jsonl`);
    const r = await d.sh('jn merge a.jsonl:label=A');
    assert.equal(r.stdout, '{"_source":"a.jsonl","_label":"A","date":"2024-01-15","region":"East","product":"Widget","amount":500}\n{"_source":"a.jsonl","_label":"A","date":"2024-01-16","region":"West","product":"Gadget","amount":750}\n');
  });
});
