// The help (`?`, src/shell/help.ts KEYS) and docs/shell.md's Keys table
// list the same keys: same rows, same order, same words.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { KEYS, helpLines } from '../../src/shell/help.ts';
import { displayWidth } from '../../src/kit/width.ts';
import { root } from '../helpers.ts';

/** The rows of the doc's `| where | key | does |` table, under `## Keys`. */
function docRows(): { where: string; key: string; does: string }[] {
  const doc = readFileSync(join(root, 'docs', 'shell.md'), 'utf8');
  const section = doc.slice(doc.indexOf('\n## Keys\n'));
  const lines = section.split('\n');
  const head = lines.findIndex((l) => /^\| where \| key \| does \|$/.test(l));
  assert.notEqual(head, -1, 'docs/shell.md has a `| where | key | does |` table under ## Keys');
  const rows: { where: string; key: string; does: string }[] = [];
  for (const line of lines.slice(head + 2)) {
    if (!line.startsWith('|')) break;
    // cells split at ` | ` (a `|` inside a cell is written `\|`)
    const cells = line.slice(2, -2).split(/ (?<!\\)\| /).map((c) => c.replace(/\\\|/g, '|'));
    assert.equal(cells.length, 3, `three cells: ${line}`);
    rows.push({ where: cells[0], key: cells[1], does: cells[2] });
  }
  return rows;
}

describe('help and docs/shell.md', () => {
  it('the Keys table of the doc is KEYS, row by row', () => {
    assert.deepEqual(docRows(), KEYS.map((k) => ({ ...k })));
  });
  it('the help fits 80 columns and shows every key and pane', () => {
    const lines = helpLines(76);
    for (const l of lines) assert.ok(displayWidth(l) <= 76, `too wide: ${l}`);
    const text = lines.join('\n');
    for (const k of KEYS) {
      assert.ok(lines.includes(k.where), `the pane ${k.where}`);
      assert.ok(text.includes(k.key.split(' ')[0]), `the key ${k.key}`);
    }
  });
});
