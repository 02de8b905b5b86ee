// Column widths are measured on a sample of the rows held (bounded work),
// but a sample cannot see every value: at row 100,000 the id column,
// sampled as 5 wide, showed `1000…`. The rows on the screen widen their
// columns, and the widths stay as the view moves on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { TableHarness, until } from './table-harness.tsx';

/** 100,000 rows whose ids are short except in the last ones (the sample
 * takes the first rows and some spread over the rest). */
const rows = Array.from({ length: 100_000 }, (_, i) => ({ id: i < 99_990 ? i % 1000 : 1_000_000 + i, name: `n${i % 7}` }));

describe('column widths fit the rows on the screen', () => {
  it('the last rows show their whole ids, and keep them while moving back', async () => {
    const app = render(<TableHarness rows={rows} width={60} height={12} />);
    await until(app.lastFrame, (f) => /n0/.test(f), 'the table');
    app.stdin.write('G');
    const last = await until(app.lastFrame, (f) => /›\s*1099999\b/.test(f), 'the cursor on the last row, its id whole');
    assert.doesNotMatch(last, /…/, last);
    // up 30 rows, no long id on the screen: the column keeps its width
    const header = (f: string) => f.split('\n')[0];
    for (let i = 0; i < 30; i++) app.stdin.write('k');
    const back = await until(app.lastFrame, (f) => /›\s*969\b/.test(f), 'the cursor 30 rows up');
    assert.doesNotMatch(back, /10999/, back);
    assert.equal(header(back), header(last));
    app.unmount();
  });
});
