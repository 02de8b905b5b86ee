import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { plugin, pluginBin, rng, tempDir } from '../helpers.js';
import { assertQuietEarlyExit } from '../support/plugin-harness.js';

const dir = tempDir('jn-gz-test-');

function randomBytes(seed: number, size: number): Buffer {
  const r = rng(seed);
  const b = Buffer.alloc(size);
  for (let k = 0; k < size; k++) b[k] = Math.floor(r() * 256);
  return b;
}

function text(seed: number, lines: number): Buffer {
  const r = rng(seed);
  const out: string[] = [];
  for (let k = 0; k < lines; k++) out.push(JSON.stringify({ k, v: r(), s: 'x'.repeat(Math.floor(r() * 50)), u: '日本😀' }));
  return Buffer.from(out.join('\n') + '\n');
}

/** Run the plugin on binary input, returning raw stdout bytes. */
function gz(args: string[], input: Buffer): { code: number | null; stdout: Buffer; stderr: string } {
  const res = spawnSync(process.execPath, [pluginBin('gz'), ...args], { input, maxBuffer: 1 << 30 });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr.toString() };
}

describe('gz plugin', () => {
  it('prints its metadata', async () => {
    const meta = JSON.parse((await plugin('gz', ['--jn-meta'])).stdout);
    assert.deepEqual(
      [meta.name, meta.version, meta.matches, meta.role, meta.modes],
      ['gz', '0.1.0', ['\\.gz$'], 'compression', ['read', 'write', 'raw']],
    );
    assert.ok(meta.options.some((o: { name: string }) => o.name === 'level'));
  });

  it('round-trips text and binary data through write then read', () => {
    for (const data of [text(1, 20_000), randomBytes(2, 3_000_000), Buffer.alloc(0), Buffer.from('x')]) {
      const packed = gz(['--mode=write'], data);
      assert.equal(packed.code, 0);
      assert.equal(packed.stderr, '');
      assert.deepEqual([packed.stdout[0], packed.stdout[1]], [0x1f, 0x8b]);
      for (const mode of ['read', 'raw']) {
        const back = gz([`--mode=${mode}`], packed.stdout);
        assert.equal(back.code, 0);
        assert.equal(back.stderr, '');
        assert.ok(back.stdout.equals(data), `${mode}: ${data.length} bytes`);
      }
    }
  });

  it('honours --level (1 compresses less than 9) and rejects levels out of range', () => {
    const data = text(3, 20_000);
    const fast = gz(['--mode=write', '--level=1'], data).stdout;
    const best = gz(['--mode=write', '--level=9'], data).stdout;
    assert.ok(fast.length > best.length, `${fast.length} vs ${best.length}`);
    assert.ok(gz(['--mode=read'], fast).stdout.equals(data));
    assert.ok(gz(['--mode=read'], best).stdout.equals(data));
    for (const bad of ['--level=0', '--level=10', '--level=x']) {
      const res = gz(['--mode=write', bad], data);
      assert.equal(res.code, 2, bad);
      assert.match(res.stderr, /^--level: /);
    }
  });

  it('decompresses what the system gzip wrote, and output gzip can read', () => {
    const data = text(4, 10_000);
    const file = join(dir, 'sys.gz');
    writeFileSync(file, execFileSync('gzip', ['-c', '-9'], { input: data }));
    const res = spawnSync('sh', ['-c', `"${process.execPath}" "${pluginBin('gz')}" --mode=read < "${file}"`], { maxBuffer: 1 << 28 });
    assert.equal(res.status, 0);
    assert.ok(res.stdout.equals(data));
    const ours = gz(['--mode=write'], data).stdout;
    assert.ok(execFileSync('gzip', ['-dc'], { input: ours, maxBuffer: 1 << 28 }).equals(data));
  });

  it('decompresses every member of a multi-member file', () => {
    const a = Buffer.from('first member\n');
    const b = text(5, 1000);
    const c = Buffer.from('third\n');
    const sys = execFileSync('gzip', ['-c'], { input: b });
    const res = gz(['--mode=read'], Buffer.concat([gzipSync(a), sys, gzipSync(c)]));
    assert.equal(res.code, 0);
    assert.ok(res.stdout.equals(Buffer.concat([a, b, c])));
  });

  it('reports data that is not gzip, truncated or corrupt in one line, exit 1', () => {
    let res = gz(['--mode=read'], Buffer.from('{"plain": "json"}\n'));
    assert.deepEqual([res.code, res.stderr], [1, 'not gzip data (incorrect header check)\n']);
    const packed = gzipSync(text(6, 5000));
    res = gz(['--mode=read'], packed.subarray(0, packed.length - 100));
    assert.deepEqual([res.code, res.stderr], [1, 'truncated gzip data (unexpected end of file)\n']);
    res = gz(['--mode=read'], packed.subarray(0, 5));
    assert.deepEqual([res.code, res.stderr], [1, 'truncated gzip data (unexpected end of file)\n']);
    const flipped = Buffer.from(packed);
    flipped[flipped.length - 6] ^= 0xff; // CRC
    res = gz(['--mode=read'], flipped);
    assert.deepEqual([res.code, res.stderr], [1, 'corrupt gzip data (incorrect data check)\n']);
    res = gz(['--mode=read'], Buffer.concat([gzipSync('ok\n'), Buffer.from('garbage')]));
    assert.deepEqual([res.code, res.stderr], [1, 'trailing garbage after gzip data (incorrect header check)\n']);
  });

  it('treats empty input as empty', () => {
    const res = gz(['--mode=read'], Buffer.alloc(0));
    assert.deepEqual([res.code, res.stdout.length, res.stderr], [0, 0, '']);
  });

  it('stops quickly and quietly when the reader goes away (| head -c 100)', async () => {
    // 400 members of 8 MB of text each: 3.2 GB when decompressed (seconds of
    // work in full), ~8 MB on disk.
    const member = gzipSync(Buffer.from('0123456789abcdef\n'.repeat(8 * 1024 * 1024 / 17)), { level: 9 });
    const big = join(dir, 'big.gz');
    writeFileSync(big, Buffer.concat(Array.from({ length: 400 }, () => member)));
    const first = await assertQuietEarlyExit('gz', ['--mode=read'], { stdin: big, bytes: 100 });
    assert.equal(first, '0123456789abcdef\n'.repeat(7).slice(0, 100));
  });
});
