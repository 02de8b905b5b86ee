// Running one of JN's demos (botassembly/jn demos/<name>/run.sh) against jn:
// its input files written to a temp dir, `jn` on PATH (this checkout's
// dist/jn.js), each command line run by sh as the demo's script runs it,
// and the output put together as the script writes its actual.txt
// (`=== Title ===`, a blank line, then per step its title, its output and a
// blank line, then `=== Done ===`), to compare with the demo's expected.txt.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { jnBin, run, tempDir, type RunResult } from '../helpers.ts';

interface Step {
  title: string;
  /** sh text, run in the demo's directory. */
  line: string;
}

export interface Demo {
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Run sh text in the demo's directory. */
  sh(line: string): Promise<RunResult>;
  /** The demo's transcript: `=== header ===`, then each step (each must exit 0). */
  transcript(header: string, steps: Step[]): Promise<string>;
}

/** A temp dir holding `files` (path → text) and a `jn` wrapper on PATH. */
export function demo(files: Record<string, string>): Demo {
  const dir = tempDir('jn-compat-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'jn'), `#!/bin/sh\nexec '${process.execPath}' '${jnBin}' "$@"\n`, { mode: 0o755 });
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, JN_HOME: join(dir, '.jn-home') };
  const sh = (line: string) => run('sh', ['-c', line], { cwd: dir, env });
  return {
    dir,
    env,
    sh,
    async transcript(header, steps) {
      let text = `=== ${header} ===\n\n`;
      for (const step of steps) {
        const r = await sh(step.line);
        assert.equal(r.code, 0, `${step.line}: ${r.stderr}`);
        text += `${step.title}\n${r.stdout}\n`;
      }
      return text + '=== Done ===\n';
    },
  };
}
