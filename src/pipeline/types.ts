// What the runner works with: a chain's stages, where its ends go, and what
// it reports when the chain has ended.
import type { ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { Failure } from '../kit/failure.js';

export interface Stage {
  /** Short name used in messages: "csv read", "gz write", "filter". */
  label: string;
  /** The address this stage works on, named in its error messages. */
  source?: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** What runs: a plugin (its exit status is mapped with statusOfPlugin),
   * a jn sub-command, which keeps its own status and reports its failure
   * as data (kit/failure.ts), or any other command (`jn sh`'s), whose
   * failure is status 1 (2 when it cannot be run). Default: plugin. */
  kind?: 'plugin' | 'jn' | 'command';
  /** Speaks TLS itself: only then is it started with NODE_EXTRA_CA_CERTS
   * (node.ts). Default: yes for a plugin or a command (a third-party one
   * may), no for a jn stage (it gives the variable back to the stages it starts). */
  tls?: boolean;
  /** Strings never to show (profile secrets, header values): replaced by
   * **** in everything the stage wrote to stderr before anyone sees it. */
  secrets?: string[];
  /** The directory it runs in (default: jn's). */
  cwd?: string;
  /** Extra fds handed to this stage as its fds 3, 4, ... (a side channel such
   * as the http plugin's --meta-fd=3); the caller closes its copies. */
  extraFds?: number[];
}

export interface PipelineIO {
  /** fd for the first stage's stdin ('ignore' = /dev/null). */
  stdin: number | 'ignore';
  /** fd for the last stage's stdout, or 'pipe' to read it from handle.stdout. */
  stdout: number | 'pipe';
  /** Close these fds in the parent once the children have them. */
  closeAfterSpawn?: number[];
}

export interface StageResult {
  label: string;
  source?: string;
  pid: number | undefined;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Everything the stage wrote to stderr (the last 64 KiB). */
  stderr: string;
  /** Ended normally, or by SIGPIPE/EPIPE because its reader left, or was
   * ended by us after a downstream failure or kill(). */
  ok: boolean;
  /** Milliseconds from the start of the chain to this stage's end. */
  ms: number;
  /** Why it failed, when it did (!ok). */
  failure?: Failure;
}

/** The first real failure of a chain and the index of its stage in
 * PipelineResult.stages. Formatted once, by whoever shows it. */
interface PipelineFailure extends Failure {
  index: number;
}

export interface PipelineResult {
  stages: StageResult[];
  failure?: PipelineFailure;
  /** Stderr lines of stages that succeeded (warnings), already prefixed. */
  warnings: string[];
  /** True when kill() ended the chain. */
  killed: boolean;
}

export interface RunningPipeline {
  pids: number[];
  /** The last stage's stdout when io.stdout was 'pipe'. */
  stdout?: Readable;
  done: Promise<PipelineResult>;
  /** End every stage (and what it spawned) with the signal. */
  kill(signal?: NodeJS.Signals): void;
  /** What each stage has written to stderr so far (the shell's pager shows
   * a stage's reported failure while the chain waits, not yet ended). */
  stderrSoFar?(): string[];
}

/** A chain's processes, once started: one per stage, in order. */
export interface Started {
  children: ChildProcess[];
  /** The read end of the last stage's stdout when io.stdout is 'pipe'. */
  outRead?: number;
}
