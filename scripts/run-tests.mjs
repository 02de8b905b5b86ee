#!/usr/bin/env node
// Runs every test/**/*.test.ts(x) with node's test runner (Node 20 does not
// expand globs itself). Arguments that are test files run just those;
// other arguments are passed on to `node --test`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.test\.tsx?$/.test(e.name)) files.push(relative(root, p));
  }
};
walk(join(root, 'test'));
files.sort();
const args = process.argv.slice(2);
const chosen = args.filter((a) => /\.test\.tsx?$/.test(a));
const options = args.filter((a) => !chosen.includes(a));
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...options, ...(chosen.length ? chosen : files)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
