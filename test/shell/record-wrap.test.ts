// Long strings in the record view wrap to the width, after a space where
// one is near the end of the line, and lose nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { displayWidth, wrapToWidth } from '../../src/kit/width.ts';
import { rng } from '../helpers.ts';

describe('wrapToWidth', () => {
  it('cuts at spaces in the second half of a line, else at the width; the lines give the text back', () => {
    const rand = rng(21);
    const alphabet = ['a', 'b', ' ', 'é', '日', 'x', ' ', '😀'];
    for (let n = 0; n < 200; n++) {
      const s = Array.from({ length: Math.floor(rand() * 300) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      const ascii = s.replace(/[^ -~]/g, 'q');
      for (const text of [s, ascii]) {
        const width = 4 + Math.floor(rand() * 40);
        const lines = wrapToWidth(text, width);
        assert.equal(lines.join(''), text);
        for (const l of lines) assert.ok(displayWidth(l) <= width, `${JSON.stringify(l)} fits ${width}`);
        // every line but the last is at least half full
        for (const l of lines.slice(0, -1)) assert.ok(displayWidth(l) >= width / 2 - 1, `${JSON.stringify(l)} at ${width}`);
      }
    }
    assert.deepEqual(wrapToWidth('lorem ipsum dolor sit amet', 12), ['lorem ipsum ', 'dolor sit ', 'amet']);
    assert.deepEqual(wrapToWidth('', 5), ['']);
  });
});
