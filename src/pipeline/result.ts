// What a finished pipeline has to say: why each failed stage failed, its
// warnings, and its first real failure, formatted once (kit/failure.ts).
import { EXIT, statusOfPlugin } from '../kit/exit.js';
import { parseFailureLine, printFailure, type Failure } from '../kit/failure.js';
import type { PipelineResult, Stage, StageResult } from './types.js';


/** Print warnings and the first real failure; return jn's exit status. */
export function reportResult(result: PipelineResult): number {
  for (const w of result.warnings) process.stderr.write(w + '\n');
  if (result.failure) {
    printFailure(result.failure); // quiet when it came from an upstream mark
    return result.failure.status;
  }
  return EXIT.OK;
}

/** Ended normally, or by SIGPIPE/EPIPE because its reader left. */
export function isNormalEnd(r: StageResult): boolean {
  if (r.signal === 'SIGPIPE') return true;
  return r.signal === null && (r.code === 0 || r.code === 141);
}

/** A stderr line of a stage that did not fail (a warning), prefixed with
 * the stage and source unless it comes from a jn stage (already prefixed). */
function warningLine(r: StageResult, line: string): string {
  return line.startsWith('jn: ') ? line : `jn: ${r.label}: ${r.source ? `${r.source}: ` : ''}${line}`;
}

/** Why a stage failed: a jn stage says it as data (kit/failure.ts), and so
 * does a plugin that stopped at an upstream failure mark (kit/mark.ts);
 * otherwise it is the first line the plugin wrote to stderr, its status
 * mapped through the exit table. */
export function stageFailure(stage: Stage, r: StageResult): Failure {
  const lines = r.stderr.split('\n').filter((l) => l.trim());
  for (const line of lines) {
    const f = parseFailureLine(line);
    if (f && (stage.kind === 'jn' || f.upstream)) return f;
  }
  const reason = lines[0] ?? (r.signal ? `killed by ${r.signal}` : `exited with status ${r.code}`);
  if (stage.kind === 'command') return commandFailure(stage, r, reason);
  const status = stage.kind === 'jn' ? (r.code !== null && r.code > 0 ? r.code : EXIT.GENERAL) : statusOfPlugin(r.code);
  return { stage: r.label, source: r.source, reason, status };
}

/** A command that is neither jn nor a plugin (`jn sh ls`): one that cannot
 * be run is a usage error, any other failure status 1, its first stderr
 * line (or its status) the reason. */
function commandFailure(stage: Stage, r: StageResult, reason: string): Failure {
  if (r.code === 127 && /^cannot run .*ENOENT$/.test(reason)) return { stage: r.label, source: r.source, reason: `${stage.command}: command not found`, status: EXIT.USAGE };
  return { stage: r.label, source: r.source, reason, status: EXIT.GENERAL };
}

/** The first failure a jn stage reported in its stderr as data, if any. */
export function reportedFailure(stderr: string): Failure | undefined {
  for (const line of stderr.split('\n')) {
    const f = line.startsWith('{') ? parseFailureLine(line) : undefined;
    if (f && !f.upstream) return f;
  }
  return undefined;
}

/** The most upstream failure is the one reported: a stage after it that
 * failed too (a csv reader given a truncated gz stream) failed because of
 * it, and what it says is not a warning. */
export function summarize(results: StageResult[], killed: boolean): PipelineResult {
  const failedAt = results.findIndex((r) => !r.ok);
  const warnings: string[] = [];
  results.forEach((r, i) => {
    if (i === failedAt || (failedAt !== -1 && i > failedAt && !r.ok)) return;
    for (const line of r.stderr.split('\n')) if (line.trim()) warnings.push(warningLine(r, line));
  });
  const failure = failedAt === -1 ? undefined : { index: failedAt, ...results[failedAt].failure! };
  return { stages: results, warnings, killed, failure };
}
