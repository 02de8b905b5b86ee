// The README's quick start is the truth: its commands exist and `npm start`
// does what it says.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseConfig, CONFIG_KEYS } from '../src/config/config.ts';
import { root, run } from './helpers.ts';

describe('README quick start', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const quick = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## Commands'));

  it('names npm install, npm start and npm test, and .ci/run runs the same test command', () => {
    for (const c of ['npm install', 'npm start', 'npm test']) assert.ok(quick.includes(c), c);
    const ci = readFileSync(join(root, '.ci', 'run'), 'utf8');
    assert.match(ci, /^npm ci$/m);
    assert.match(ci, /^npm test$/m);
  });

  it('npm start shows the bundled example data as a table', async () => {
    const r = await run('npm', ['start', '--silent'], { cwd: root, timeoutMs: 20_000 });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.match(lines[1], /^\| order_id \| date +\| customer/);
    assert.equal(lines.filter((l) => /^\| +\d{4} \|/.test(l)).length, 15);
  });

  it('.jnrc.example parses and documents every key', () => {
    const text = readFileSync(join(root, '.jnrc.example'), 'utf8');
    const parsed = parseConfig(text, '.jnrc.example');
    assert.deepEqual([...parsed.keys()].sort(), Object.keys(CONFIG_KEYS).sort());
  });
});
