// Issue 13 bug 6: after the terminal gets shorter, the cursor row is still
// on the screen (the table re-clamps its first row to the new height).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { TableHarness, until } from './table-harness.tsx';

const rows = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, name: `row ${i + 1}` }));

describe('the table after a resize', () => {
  it('a cursor near the bottom of a tall screen stays on screen when the height shrinks, and the rows fill it', async () => {
    const app = render(<TableHarness rows={rows} width={60} height={32} />);
    await until(app.lastFrame, (x) => /›\s*1 /.test(x), 'the table');
    app.stdin.write('G');
    await until(app.lastFrame, (x) => /›\s*100 /.test(x), 'the cursor on row 100');
    for (let i = 0; i < 5; i++) app.stdin.write('k');
    await until(app.lastFrame, (x) => /›\s*95 /.test(x), 'the cursor on row 95, near the bottom (rows 71 to 100 on screen)');
    app.rerender(<TableHarness rows={rows} width={60} height={12} />);
    const f = await until(app.lastFrame, (x) => x.split('\n').length <= 14, 'the smaller table');
    assert.match(f, /›\s*95 /, 'the cursor row is drawn');
    const ids = [...f.matchAll(/^\S?\s*(\d+) /gm)].map((m) => Number(m[1]));
    assert.equal(ids.length, 10, 'a full screen of rows');
    assert.ok(ids.includes(95));
    app.unmount();
  });
});
