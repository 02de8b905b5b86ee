// The failure mark's readers in-process: untilMark on text chunks (a mark
// split anywhere between chunks), markedLineStart on bytes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FailureError } from '../../src/kit/failure.ts';
import { markedLineStart, untilMark } from '../../src/kit/mark.ts';

const MARK = '\x18{"jn-failure":{"stage":"csv read","source":"x.csv","reason":"line 9: bad","status":3}}\n';

function collect(chunks: string[]): { text: string; failure?: unknown } {
  let text = '';
  try {
    for (const c of untilMark(chunks)) text += c;
  } catch (err) {
    assert.ok(err instanceof FailureError);
    return { text, failure: err.failure };
  }
  return { text };
}

describe('untilMark', () => {
  it('stops at a mark split at every place between two chunks, keeping all text before it', () => {
    const whole = 'a,b\n1,2\n' + MARK;
    for (let i = 0; i <= whole.length; i++) {
      const r = collect([whole.slice(0, i), whole.slice(i)]);
      assert.equal(r.text, 'a,b\n1,2\n', `split at ${i}`);
      assert.deepEqual(r.failure, { stage: 'csv read', source: 'x.csv', reason: 'line 9: bad', status: 3, upstream: true });
    }
  });

  it('passes text without a mark as it is, a raw 0x18 that starts no mark included', () => {
    const text = 'a,b\n\x18,x\n1,\x18{"other":1}\n\x18';
    for (let i = 0; i <= text.length; i++) assert.deepEqual(collect([text.slice(0, i), text.slice(i)]), { text });
  });
});

describe('markedLineStart', () => {
  it('finds the start of the line holding the mark within the first end bytes', () => {
    const buf = Buffer.from('{"a":1}\n{"a":2,' + MARK);
    assert.equal(markedLineStart(buf, buf.length), 8);
    assert.equal(markedLineStart(buf, 8), -1);
    assert.equal(markedLineStart(Buffer.from('{"a":1}\n'), 8), -1);
  });
});
