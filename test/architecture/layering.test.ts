// The layering rules (.dependency-cruiser.cjs, run by `npm run lint:arch`,
// which `npm test` runs) proven against small trees written to a temp dir:
// one with a deliberate violation of every rule, which must fail naming each
// rule, and one that keeps them all, which must pass. Also: the tool really
// reads this repo's .ts and .tsx files (TypeScript 7 has no JS compiler API,
// so a parser that needs `require('typescript')` would silently see nothing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { root, run, tempDir } from '../helpers.ts';

const depcruise = join(root, 'scripts', 'arch', 'depcruise.mjs');
const config = join(root, '.dependency-cruiser.cjs');
const lintArch = join(root, 'scripts', 'lint-arch.mjs');

function writeTree(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
  cycle?: unknown[];
}
interface Cruise {
  modules: { source: string; dependencies: { resolved: string; couldNotResolve: boolean }[] }[];
  summary: { violations: Violation[]; error: number; totalCruised: number };
}

async function cruise(cwd: string, dirs = ['src', 'plugins']): Promise<{ code: number | null; result: Cruise; stderr: string }> {
  const r = await run(process.execPath, [depcruise, '--config', config, '--output-type', 'json', ...dirs], { cwd, timeoutMs: 60_000 });
  assert.ok(r.stdout.length > 0, `dependency-cruiser printed nothing: ${r.stderr}`);
  return { code: r.code, result: JSON.parse(r.stdout) as Cruise, stderr: r.stderr };
}

const ruleNames: string[] = (createRequire(import.meta.url)(config) as { forbidden: { name: string }[] }).forbidden.map((r) => r.name);

// One import per rule that breaks it (comments name the rule).
const broken: Record<string, string> = {
  'src/cli.ts': "import './commands/x.js';\nimport './sources/s.js';\nimport './pipeline/p.js';\n",
  // stage-not-to-jn-side, kit-only-kit
  'src/kit/a.ts': "import { s } from '../sources/s.js';\nexport const a = s;\n",
  // kit-only-kit (filter is not kit)
  'src/kit/b.ts': "import { engine } from '../filter/engine.js';\nexport const b = engine;\n",
  // formats-only-kit-and-formats (stats is not kit or formats)
  'src/formats/csv/csv.ts': "import { st } from '../../stats/st.js';\nimport { a } from '../../kit/a.js';\nexport const csv = st + a;\n",
  'src/stats/st.ts': 'export const st = 1;\n',
  // filter-engine-not-to-filter-cli
  'src/filter/engine.ts': "import { main } from './cli/main.js';\nexport const engine = main;\n",
  'src/filter/cli/main.ts': 'export const main = 1;\n',
  // command-not-to-command
  'src/commands/x.ts': "import { y } from './y.js';\nexport const x = y;\n",
  'src/commands/y.ts': 'export const y = 1;\n',
  // shell-not-to-commands, from a .tsx file with JSX in it
  'src/shell/ui.tsx': "import { y } from '../commands/y.js';\nexport const Ui = () => <div data-y={y} />;\n",
  // sources-pipeline-not-to-shell-commands
  'src/sources/s.ts': "import { Ui } from '../shell/ui.js';\nexport const s = Ui;\n",
  // not-to-test-or-bench
  'src/pipeline/p.ts': "import { helper } from '../../test/helpers.js';\nexport const p = helper;\n",
  'test/helpers.ts': 'export const helper = 1;\n',
  // no-circular, through a type-only import
  'src/stats/c1.ts': "import type { C2 } from './c2.js';\nexport type C1 = C2 | 1;\n",
  'src/stats/c2.ts': "import type { C1 } from './c1.js';\nexport type C2 = C1 | 2;\n",
  // no-orphans
  'src/kit/lonely.ts': 'export const lonely = 1;\n',
  // not-to-unresolvable
  'src/kit/missing.ts': "import { nope } from './nope.js';\nexport const missing = nope;\n",
  // stage-not-to-jn-side, from a plugin
  'plugins/p.ts': "import { x } from '../src/commands/x.js';\nimport { b } from '../src/kit/b.js';\nimport { missing } from '../src/kit/missing.js';\nconsole.log(x, b, missing);\n",
};

test('a tree that breaks every layering rule fails, naming each rule and the import that breaks it', async () => {
  const dir = tempDir('jn-arch-');
  writeTree(dir, broken);
  // (With --output-type json the exit code is 0 whatever it found: the next
  // test checks the exit code of the lint:arch step itself.)
  const { result } = await cruise(dir);
  const seen = (rule: string, from: string, to: string): boolean =>
    result.summary.violations.some((v) => v.rule.name === rule && v.from === from && v.to === to);
  const expected: [string, string, string][] = [
    ['stage-not-to-jn-side', 'src/kit/a.ts', 'src/sources/s.ts'],
    ['stage-not-to-jn-side', 'plugins/p.ts', 'src/commands/x.ts'],
    ['kit-only-kit', 'src/kit/a.ts', 'src/sources/s.ts'],
    ['kit-only-kit', 'src/kit/b.ts', 'src/filter/engine.ts'],
    ['formats-only-kit-and-formats', 'src/formats/csv/csv.ts', 'src/stats/st.ts'],
    ['filter-engine-not-to-filter-cli', 'src/filter/engine.ts', 'src/filter/cli/main.ts'],
    ['command-not-to-command', 'src/commands/x.ts', 'src/commands/y.ts'],
    ['shell-not-to-commands', 'src/shell/ui.tsx', 'src/commands/y.ts'],
    ['sources-pipeline-not-to-shell-commands', 'src/sources/s.ts', 'src/shell/ui.tsx'],
    ['not-to-test-or-bench', 'src/pipeline/p.ts', 'test/helpers.ts'],
    ['not-to-unresolvable', 'src/kit/missing.ts', './nope.js'],
  ];
  for (const [rule, from, to] of expected) assert.ok(seen(rule, from, to), `expected ${rule}: ${from} -> ${to} in ${JSON.stringify(result.summary.violations, null, 1)}`);
  assert.ok(result.summary.violations.some((v) => v.rule.name === 'no-circular' && /src\/stats\/c[12]\.ts/.test(v.from)), 'the type-only cycle c1 <-> c2');
  assert.ok(result.summary.violations.some((v) => v.rule.name === 'no-orphans' && v.from === 'src/kit/lonely.ts'), 'the orphan');
  // Every rule in the config is proven to fire by this tree.
  const fired = new Set(result.summary.violations.map((v) => v.rule.name));
  assert.deepEqual(ruleNames.filter((n) => !fired.has(n)), []);
  // And nothing fired that the tree does not break on purpose (no false alarm
  // on the allowed imports csv -> kit, plugin -> kit, cli -> commands).
  assert.ok(!seen('formats-only-kit-and-formats', 'src/formats/csv/csv.ts', 'src/kit/a.ts'));
  assert.ok(!result.summary.violations.some((v) => v.from === 'src/cli.ts'));
  assert.ok(!result.summary.violations.some((v) => v.from === 'plugins/p.ts' && v.to === 'src/kit/b.ts'));
});

test('npm run lint:arch (the step npm test runs) fails on that tree and names the rules', async () => {
  const dir = tempDir('jn-arch-');
  writeTree(dir, broken);
  const r = await run(process.execPath, [lintArch, '--cwd', dir], { timeoutMs: 60_000 });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  for (const name of ['stage-not-to-jn-side', 'command-not-to-command', 'no-circular']) assert.match(r.stdout + r.stderr, new RegExp(`error ${name}: `));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  assert.match(pkg.scripts.test!, /npm run lint:arch/);
  assert.match(pkg.scripts['lint:arch']!, /scripts\/lint-arch\.mjs/);
});

test('a tree that keeps the layering passes', async () => {
  const dir = tempDir('jn-arch-');
  writeTree(dir, {
    'src/cli.ts': "import { cat } from './commands/cat.js';\nimport { ui } from './commands/shell.js';\nconsole.log(cat, ui);\n",
    'src/commands/cat.ts': "import { open } from '../sources/open.js';\nimport { run } from '../pipeline/run.js';\nexport const cat = [open, run];\n",
    'src/commands/shell.ts': "import { App } from '../shell/App.js';\nexport const ui = App;\n",
    'src/shell/App.tsx': "import type { Plan } from '../sources/open.js';\nimport { width } from '../kit/width.js';\nexport const App = (p: { plan?: Plan }) => <box w={width}>{String(p.plan)}</box>;\n",
    'src/sources/open.ts': "import { width } from '../kit/width.js';\nexport type Plan = { w: number };\nexport const open = width;\n",
    'src/pipeline/run.ts': "import { spawn } from 'node:child_process';\nexport const run = spawn;\n",
    'src/kit/width.ts': "import { json } from './json.js';\nexport const width = json;\n",
    'src/kit/json.ts': 'export const json = 1;\n',
    'src/formats/csv/csv.ts': "import { json } from '../../kit/json.js';\nimport { yaml } from '../yaml/yaml.js';\nexport const csv = json + yaml;\n",
    'src/formats/yaml/yaml.ts': "import { json } from '../../kit/json.js';\nexport const yaml = json;\n",
    'src/filter/engine.ts': "import { json } from '../kit/json.js';\nexport const engine = json;\n",
    'src/filter/cli/main.ts': "import { engine } from '../engine.js';\nexport const main = engine;\n",
    'plugins/csv.ts': "import { csv } from '../src/formats/csv/csv.js';\nimport { main } from '../src/filter/cli/main.js';\nconsole.log(csv, main);\n",
  });
  const { result, stderr } = await cruise(dir);
  assert.deepEqual(result.summary.violations, [], stderr);
  assert.equal(result.modules.filter((m) => /^(src|plugins)\//.test(m.source)).length, 13);
  const lint = await run(process.execPath, [lintArch, '--cwd', dir], { timeoutMs: 60_000 });
  assert.equal(lint.code, 0, lint.stdout + lint.stderr);
});

test("the tool reads every .ts and .tsx file of this repo's src/ and plugins/, and their imports", async () => {
  const { result } = await cruise(root);
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name)) files.push(relative(root, p));
    }
  };
  walk(join(root, 'src'));
  walk(join(root, 'plugins'));
  const modules = new Map(result.modules.map((m) => [m.source, m]));
  assert.deepEqual(files.filter((f) => !modules.has(f)), []);
  // Imports are seen in .tsx files too (JSX parsed), and relative '.js'
  // specifiers resolve to the .ts files.
  const relativeImports = (f: string): number => (readFileSync(join(root, f), 'utf8').match(/^(?:import|export)\b[^;]*?from '\.\.?\//gm) ?? []).length;
  for (const f of files) {
    const found = modules.get(f)!.dependencies.filter((d) => /^(src|plugins)\//.test(d.resolved)).length;
    assert.ok(found >= Math.min(1, relativeImports(f)), `${f}: ${relativeImports(f)} relative imports in the text, ${found} seen`);
  }
  const tsx = files.filter((f) => f.endsWith('.tsx'));
  assert.ok(tsx.length > 0);
  assert.ok(tsx.some((f) => modules.get(f)!.dependencies.length > 0));
  assert.ok(result.modules.every((m) => m.dependencies.every((d) => !d.couldNotResolve)), 'every import resolves');
});
