// `jn cat data.csv`: the csv plugin's read run in jn cat's own process.
//
// A plan of one bundled plugin reading a file (or stdin) would start a
// second Node after jn cat's own (~50 ms, plus compiling the plugin): its
// code is a CommonJS bundle of jn's (dist/plugin-code/<name>.js), so jn cat
// loads it (with its code cache, dist/load.js), takes its entry point
// (kit/sdk.ts loadPluginEntry) and calls it with the stage's argv and the
// file's fd as what the plugin reads as fd 0. Everything else is as the
// process would have it: the plugin writes fd 1 (jn cat's), its environment
// is the stage's, what it writes to stderr is collected and reported by the
// same code as a process's stderr (pipeline/result.ts), and its status goes
// through the same table. A reader that left (EPIPE) ends jn cat quietly,
// as it ends the plugin. Chains of several stages (gz), URLs, databases,
// stdin (`jn cat -~csv`: a plugin process reads it, and a signal to jn cat
// ends that process as documented), plugins that are not jn's own and
// readers that do not read through kit/io's stream (xlsx seeks) still run
// as processes. A signal to jn cat reading a file in process ends it as it
// ends any program (bash reports 128 + the signal).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { loadPluginEntry, type PluginEntry } from '../kit/sdk.js';
import { packageRoot } from '../kit/paths.js';
import { ERRORS_FD_ENV, ON_ERROR_ENV, SOURCE_ENV } from '../kit/onerror.js';
import { isNormalEnd, stageFailure, summarize } from '../pipeline/result.js';
import type { PipelineResult, StageResult } from '../pipeline/types.js';
import type { ReadPlan } from './plans.js';

/** The bundled readers that read their input only through kit/io (so the
 * fd they are given stands for their fd 0) and that write only fd 1. */
const STREAM_READERS = new Set(['csv', 'tsv', 'json', 'jsonl', 'yaml', 'xml', 'markdown', 'toml', 'text']);

/** The code bundle of a plan that can run in this process, if it can. */
export function inProcessCode(plan: ReadPlan): string | undefined {
  if (process.env.JN_IN_PROCESS === '0' || plan.decide || plan.stages.length !== 1 || plan.steps.length !== 1) return undefined;
  if (plan.input !== 'file') return undefined;
  const { plugin, mode } = plan.steps[0];
  if (mode !== 'read' || plugin.level !== 'bundled' || plugin.meta.role !== 'format' || !STREAM_READERS.has(plugin.name)) return undefined;
  const code = join(dirname(plugin.path), '..', 'plugin-code', basename(plugin.path));
  return /\.js$/.test(code) && existsSync(code) ? code : undefined;
}

const entries = new Map<string, PluginEntry | undefined>();

function entryOf(code: string): PluginEntry | undefined {
  if (!entries.has(code)) {
    const load = createRequire(import.meta.url)(join(packageRoot(), 'dist', 'load.js')) as (file: string) => void;
    entries.set(code, loadPluginEntry(() => load(code)));
  }
  return entries.get(code);
}

/** The stage's environment in process.env while fn runs. */
async function withEnv<T>(env: NodeJS.ProcessEnv, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  for (const k of Object.keys(process.env)) if (!(k in env)) delete process.env[k];
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

/** What fn writes to process.stderr, instead of writing it. process.stderr
 * is replaced, not patched: creating the real stream loads tty or net. */
async function collectStderr(fn: () => Promise<number>): Promise<{ code: number; stderr: string }> {
  const own = Object.getOwnPropertyDescriptor(process, 'stderr')!;
  let stderr = '';
  const write = (chunk: string | Uint8Array): boolean => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  };
  Object.defineProperty(process, 'stderr', { configurable: true, enumerable: true, value: { write, fd: 2, isTTY: false } });
  try {
    return { code: await fn(), stderr };
  } finally {
    Object.defineProperty(process, 'stderr', own);
  }
}

/** Run the plan's plugin here on fd `input`, as its process would run;
 * undefined if its code cannot be loaded (then it runs as a process). */
export async function readInProcess(plan: ReadPlan, code: string, input: number, bad?: { onError: string; errorsFd: number }): Promise<PipelineResult | undefined> {
  const entry = entryOf(code);
  if (!entry) return undefined;
  const stage = plan.stages[0];
  const env = { ...(stage.env ?? process.env) };
  if (bad && bad.onError !== 'fail') Object.assign(env, { [ON_ERROR_ENV]: bad.onError, [ERRORS_FD_ENV]: String(bad.errorsFd), [SOURCE_ENV]: plan.addr.raw });
  const started = Date.now();
  // the plugin's argv: what follows the script in its command line
  const argv = stage.args.slice(stage.args.findIndex((a) => a.startsWith('--mode=')));
  const { code: status, stderr } = await withEnv(env, () => collectStderr(() => entry(argv, input)));
  const r: StageResult = { label: stage.label, source: stage.source, pid: process.pid, code: status, signal: null, stderr, ok: false, ms: Date.now() - started };
  r.ok = isNormalEnd(r);
  if (!r.ok) r.failure = stageFailure(stage, r);
  return summarize([r], false);
}
