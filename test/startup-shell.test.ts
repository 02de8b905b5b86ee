// jn shell's start-up, what can be checked without timing (scripts/build.mjs):
// it runs as a CommonJS bundle with a code cache like the other commands, so
// its first frame needs no ES module loader; yoga-layout starts without
// fetch() (no undici), the row index without node:crypto; and Ink measures
// text as jn's tables do (src/kit/width.ts), so wide characters line up.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { displayWidth } from '../src/kit/width.ts';
import { jnBin, rng, tempDir, waitFor } from './helpers.ts';
import { terminal } from './support/tmux.ts';

const dir = tempDir('jn-startup-shell-');
const term = terminal(dir, 'startup-shell');
after(() => term.kill());

// Records the built-in modules the process loaded, when it exits.
writeFileSync(join(dir, 'modules.cjs'), `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'modules.txt'))}, process.moduleLoadList.join('\\n')));\n`);

const rand = rng(7);
const cities = ['東京', 'Zürich', 'NYC', 'São Paulo', '서울', 'Kyiv'];
const lines = ['id,city,amount'];
for (let i = 1; i <= 2000; i++) lines.push(`${i},${cities[Math.floor(rand() * cities.length)]},${(rand() * 1000).toFixed(2)}`);
writeFileSync(join(dir, 'data.csv'), lines.join('\n') + '\n');

describe('jn shell start-up', () => {
  it('draws its first frame from the CommonJS bundle, with a code cache, without undici, node:crypto or the ES module loader', async () => {
    term.start(`"${process.execPath}" -r ./modules.cjs "${jnBin}" shell data.csv > out.txt; echo $? > status.txt`);
    const screen = await term.waitFor((s) => s.includes('stage>') && /^›\s+1\s/m.test(s), 'the first frame with rows');
    // wide characters line up: the amount column (numbers, right-aligned) ends at the same display column on every row
    const rows = screen.split('\n').filter((l) => /^[› ]\s+\d+\s/.test(l) && /\d+\.\d\d\s*$/.test(l));
    assert.ok(rows.length >= 10, screen);
    const ends = new Set(rows.map((l) => displayWidth(l.trimEnd())));
    assert.equal(ends.size, 1, `the amount column is ragged:\n${rows.join('\n')}`);
    term.keys('C-c');
    await waitFor(() => existsSync(join(dir, 'status.txt')), { what: 'jn shell to exit' });
    assert.equal(readFileSync(join(dir, 'status.txt'), 'utf8'), '0\n');
    assert.match(readFileSync(join(dir, 'out.txt'), 'utf8'), /^jn cat /);
    const loaded = readFileSync(join(dir, 'modules.txt'), 'utf8').split('\n');
    for (const m of ['NativeModule internal/deps/undici/undici', 'NativeModule crypto', 'NativeModule internal/modules/esm/module_job']) assert.ok(!loaded.includes(m), `${m} was loaded`);
    const cache = join(dir, 'home', 'cache', 'v8');
    assert.ok(existsSync(cache) && readdirSync(cache).some((f) => /^shell-[0-9a-f]{8}\.bin$/.test(f)), `no code cache of the shell bundle in ${cache}`);
  });
});
