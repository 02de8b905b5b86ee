// The README's quick start is the truth: its commands exist and `npm start`
// does what it says.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseConfig, CONFIG_KEYS } from '../src/sources/config.ts';
import { root, tempDir, waitFor } from './helpers.ts';

const home = tempDir();

describe('README quick start', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const quick = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## Commands'));

  it('names npm install, npm start and npm test, and .ci/run runs the same test command', () => {
    for (const c of ['npm install', 'npm start', 'npm test']) assert.ok(quick.includes(c), c);
    const ci = readFileSync(join(root, '.ci', 'run'), 'utf8');
    assert.match(ci, /^npm ci$/m);
    assert.match(ci, /^npm test$/m);
  });

  it('npm start opens jn shell on the bundled example data (in a real terminal)', async () => {
    const session = `jn-start-${process.pid}`;
    // its own tmux server: other test files' come and go in parallel
    const tmux = (...args: string[]) => execFileSync('tmux', ['-L', session, ...args], { encoding: 'utf8' });
    tmux('new-session', '-d', '-s', session, '-x', '140', '-y', '30', `cd '${root}' && JN_HOME='${home}' npm start --silent`);
    try {
      let screen = '';
      const shown = (): boolean => {
        screen = tmux('capture-pane', '-p', '-t', session);
        return /60 rows · \d+ ms/.test(screen) && /stage>/.test(screen);
      };
      await waitFor(shown, { timeoutMs: 20_000, intervalMs: 50, what: 'jn shell to show the rows and the stage prompt' }).catch((e: Error) =>
        assert.fail(`${e.message}; the screen:\n${screen}`),
      );
      assert.match(screen, /source examples\/orders\.csv/);
      assert.match(screen, /order_id #? +date a? +customer/); // each name with its type mark
      assert.match(screen, /60 rows/);
      assert.match(screen, /stage>/);
    } finally {
      spawnSync('tmux', ['-L', session, 'kill-server']);
    }
  });

  it('.jnrc.example parses and documents every key', () => {
    const text = readFileSync(join(root, '.jnrc.example'), 'utf8');
    const parsed = parseConfig(text, '.jnrc.example');
    assert.deepEqual([...parsed.keys()].sort(), Object.keys(CONFIG_KEYS).sort());
  });
});
