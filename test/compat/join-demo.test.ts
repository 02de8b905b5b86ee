// JN's demos/join: `jn join` enriching customers with their orders,
// compared with the demo's expected.txt. With the CSVs read as strings
// (`?infer=false`, JN's reading) steps 1 and 2 print the expected lines;
// steps 3 and 4 differ where ZQ skipped what jq does not: `.amount` of a
// record without it is null (`null | tonumber` is an error in jq 1.7, and
// `{amount}` writes `"amount": null`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demo } from './demo.ts';

const files = {
  'customers.csv': 'id,name,state\n1,Alice,NY\n2,Bob,CA\n3,Charlie,TX\n',
  'orders.csv': 'order_id,customer_id,amount,product\nO1,1,100,Widget\nO2,1,200,Gadget\nO3,2,150,Widget\n',
};

const alice1 = '{"id":"1","name":"Alice","state":"NY","order_id":"O1","amount":"100","product":"Widget"}';
const alice2 = '{"id":"1","name":"Alice","state":"NY","order_id":"O2","amount":"200","product":"Gadget"}';
const bob = '{"id":"2","name":"Bob","state":"CA","order_id":"O3","amount":"150","product":"Widget"}';
const join = "jn cat 'customers.csv?infer=false' | jn join 'orders.csv?infer=false' --left-key=id --right-key=customer_id";

describe('JN demo: join', () => {
  const d = demo(files);

  it("steps 1 and 2 (left and inner join) print the demo's expected lines", async () => {
    const left = await d.sh(join);
    assert.equal(left.stdout, [alice1, alice2, bob, '{"id":"3","name":"Charlie","state":"TX"}'].join('\n') + '\n');
    const inner = await d.sh(`${join} --inner`);
    assert.equal(inner.stdout, [alice1, alice2, bob].join('\n') + '\n');
  });

  it('step 3: jq stops at Charlie (null | tonumber), where ZQ skipped him; `// "0"` gives the demo\'s line', async () => {
    const r = await d.sh(`${join} | jn filter 'select((.amount | tonumber) > 150)'`);
    assert.equal(r.code, 5);
    assert.match(r.stderr, /^jn: filter: null \(null\) cannot be parsed as a number/);
    const ok = await d.sh(`${join} | jn filter 'select((.amount // "0" | tonumber) > 150)'`);
    assert.equal(ok.stdout, alice2 + '\n');
  });

  it("step 4: jq writes the missing fields as null (ZQ left them out); with_entries(select(.value != null)) drops them", async () => {
    const r = await d.sh(`${join} | jn filter '{customer: .name, order: .order_id, amount}'`);
    assert.equal(r.stdout.split('\n')[3], '{"customer":"Charlie","order":null,"amount":null}');
    const ok = await d.sh(`${join} | jn filter '{customer: .name, order: .order_id, amount} | with_entries(select(.value != null))'`);
    assert.equal(
      ok.stdout,
      '{"customer":"Alice","order":"O1","amount":"100"}\n{"customer":"Alice","order":"O2","amount":"200"}\n{"customer":"Bob","order":"O3","amount":"150"}\n{"customer":"Charlie"}\n',
    );
  });

  it('--strict passes this demo (every record has its key)', async () => {
    const r = await d.sh(`${join} --strict`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim().split('\n').length, 4);
  });
});
