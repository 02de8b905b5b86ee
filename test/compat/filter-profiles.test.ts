// JN's demos/adapter-merge (run_examples.sh, part 2): filter profiles,
// `jn filter '@sales/by_region?region=East'` with the program in
// profiles/jq/sales/by_region.jq. Not in jn yet (docs/guide.md, Coming from
// JN): the address is read as a jq program; the spelling today is
// `jn filter --arg region East -f FILE`, which these tests hold to.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demo } from './demo.ts';

const files = {
  'sales.csv': 'date,region,product,amount\n2024-01-15,East,Widget,500\n2024-01-16,West,Gadget,750\n2024-01-17,East,Widget,1200\n2024-01-18,West,Widget,300\n',
  'profiles/jq/sales/by_region.jq': '# Filter sales by region\n# Parameters: region\nselect(.region == $region)\n',
  'profiles/jq/sales/above_threshold.jq': '# Filter sales above threshold\n# Parameters: threshold\nselect((.amount | tonumber) > ($threshold | tonumber))\n',
};

describe('JN demo: filter profiles (adapter-merge, part 2)', () => {
  const d = demo(files);

  it("JN's spelling is read as a jq program: a syntax error, status 3", async () => {
    const r = await d.sh(`jn cat sales.csv | jn filter '@sales/by_region?region=East'`);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /^jn: filter: syntax error/);
  });

  it("jn's spelling: --arg NAME VALUE and -f FILE give the profile's records (parameters are strings, as JN substituted them)", async () => {
    const east = await d.sh('jn cat sales.csv | jn filter --arg region East -f profiles/jq/sales/by_region.jq');
    assert.equal(east.stdout, '{"date":"2024-01-15","region":"East","product":"Widget","amount":500}\n{"date":"2024-01-17","region":"East","product":"Widget","amount":1200}\n');
    const big = await d.sh('jn cat sales.csv | jn filter --arg threshold 700 -f profiles/jq/sales/above_threshold.jq');
    assert.deepEqual(big.stdout.trim().split('\n').map((l) => JSON.parse(l).amount), [750, 1200]);
  });
});
