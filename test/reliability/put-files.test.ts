// jn put and the files around its destination: writing through a symbolic
// link, and the temp files a killed run leaves behind.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jn, jnBin, tempDir, waitFor } from '../helpers.ts';

const dir = tempDir('jn-put-files-');
const host = hostname().replace(/[^A-Za-z0-9.-]/g, '_');
const input = '{"a":1}\n{"a":2}\n';

/** A pid that belonged to a process that has exited. */
function deadPid(): number {
  const r = spawnSync('sh', ['-c', 'echo $$']);
  return Number(r.stdout.toString().trim());
}

describe('jn put through a symbolic link', () => {
  it('writes the target, atomically in its directory, and keeps the link', async () => {
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'data.csv'), 'a\nold\n');
    symlinkSync(join('real', 'data.csv'), join(dir, 'link.csv'));
    const r = await jn(['put', 'link.csv'], { cwd: dir, input });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(lstatSync(join(dir, 'link.csv')).isSymbolicLink());
    assert.equal(readFileSync(join(dir, 'real', 'data.csv'), 'utf8'), 'a\n1\n2\n');
    assert.deepEqual(readdirSync(join(dir, 'real')), ['data.csv']);
  });

  it('a link to a file that does not exist yet creates the target', async () => {
    symlinkSync(join(dir, 'real', 'new.jsonl'), join(dir, 'dangling.jsonl'));
    const r = await jn(['put', 'dangling.jsonl'], { cwd: dir, input });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(lstatSync(join(dir, 'dangling.jsonl')).isSymbolicLink());
    assert.equal(readFileSync(join(dir, 'real', 'new.jsonl'), 'utf8'), input);
  });

  it('a loop of links is one line, status 4', async () => {
    symlinkSync('loop2.csv', join(dir, 'loop1.csv'));
    symlinkSync('loop1.csv', join(dir, 'loop2.csv'));
    const r = await jn(['put', 'loop1.csv'], { cwd: dir, input });
    assert.equal(r.code, 4);
    assert.equal(r.stderr, 'jn: put: loop1.csv: too many levels of symbolic links\n');
  });
});

describe('temp files of a killed jn put', () => {
  it('are removed by the next run when their process is gone; a live one and another host\'s are kept', async () => {
    const dead = join(dir, `.out.csv.jn-${host}-${deadPid()}.tmp`);
    const live = join(dir, `.out.csv.jn-${host}-${process.pid}.tmp`);
    const other = join(dir, `.out.csv.jn-elsewhere.example-${deadPid()}.tmp`);
    for (const f of [dead, live, other]) writeFileSync(f, 'partial');
    const r = await jn(['put', 'out.csv'], { cwd: dir, input });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(existsSync(dead), false);
    assert.equal(existsSync(live), true);
    assert.equal(existsSync(other), true);
    assert.equal(readFileSync(join(dir, 'out.csv'), 'utf8'), 'a\n1\n2\n');
  });

  it('a run killed with SIGKILL leaves a temp that the next run removes', async () => {
    const child = spawn(process.execPath, [jnBin, 'put', 'killed.csv'], { cwd: dir, stdio: ['pipe', 'ignore', 'ignore'] });
    child.stdin.write('{"a":1}\n');
    const temp = join(dir, `.killed.csv.jn-${host}-${child.pid}.tmp`);
    await waitFor(() => existsSync(temp), { what: 'the temp file of the first run' });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));
    child.stdin.destroy(); // its plugin, in its own process group, ends at EOF
    assert.equal(existsSync(temp), true);
    const r = await jn(['put', 'killed.csv'], { cwd: dir, input });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(existsSync(temp), false);
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('.killed')), []);
  });
});
