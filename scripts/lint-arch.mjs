#!/usr/bin/env node
// `npm run lint:arch`: the layering rules (dependency-cruiser with
// .dependency-cruiser.cjs, over src/ and plugins/) and the size limits
// (scripts/check-size.mjs). Both always run, so one report shows every
// problem; the exit code is non-zero if either failed.
//   node scripts/lint-arch.mjs [--cwd DIR]   (DIR: another tree to check with
//   this repo's rules, e.g. a test fixture; default: this repo)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = process.argv.indexOf('--cwd');
const cwd = at >= 0 ? resolve(process.argv[at + 1]) : root;
const dirs = ['src', 'plugins'].filter((d) => existsSync(join(cwd, d)));
const steps = [
  [join(root, 'scripts/arch/depcruise.mjs'), '--config', join(root, '.dependency-cruiser.cjs'), ...dirs],
  [join(root, 'scripts/check-size.mjs'), ...dirs],
];
let failed = 0;
for (const args of steps) {
  const r = spawnSync(process.execPath, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
