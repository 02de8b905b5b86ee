// The column width cap (40) per column (issue 13, "Reading the data"): `>`
// widens and `<` narrows the current column (the first one shown).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { rng } from '../helpers.ts';
import { TableHarness, until } from './table-harness.tsx';

const rand = rng(9);
const word = () => Array.from({ length: 6 }, () => 'abcdefgh'[Math.floor(rand() * 8)]).join('');
const rows = Array.from({ length: 5 }, (_, i) => ({ text: `${i}:` + Array.from({ length: 12 }, word).join(' '), n: i }));

/** The width of the first column: its rule's length. */
const ruleWidth = (f: string) => f.split('\n')[1].trim().split(/\s+/)[0].length;

describe('column width', () => {
  it('> widens the current column past the cap, < narrows it; the cell shows more or less', async () => {
    const app = render(<TableHarness rows={rows} width={120} height={10} />);
    let f = await until(app.lastFrame, (x) => /›0:/.test(x), 'the table');
    assert.equal(ruleWidth(f), 40, 'capped at 40');
    assert.match(f, /›0:\S+( \S+)*…/);
    app.stdin.write('>');
    app.stdin.write('>');
    f = await until(app.lastFrame, (x) => ruleWidth(x) === 48, 'widened by 2 × 4');
    const shown = f.split('\n')[2].slice(1, 49).replace('…', '');
    assert.ok(rows[0].text.startsWith(shown), `${shown} is the start of the value`);
    assert.ok(shown.length >= 47);
    for (let i = 0; i < 5; i++) app.stdin.write('<');
    f = await until(app.lastFrame, (x) => ruleWidth(x) === 28, 'narrowed by 5 × 4');
    assert.match(f.split('\n')[2], /^›0:.{25}… +0$/);
    app.unmount();
  });
});
