// A chain whose tail is chosen by its head: `jn cat https://host/api` cannot
// know the format before the server's Content-Type arrives. The first stage
// (the http plugin) is started alone with its stdout on a kernel pipe and a
// second pipe as its fd 3; once it has the response headers it writes one
// line describing them on fd 3 and closes it. decide() turns that line into
// the rest of the chain, which is then started reading the first pipe's read
// end. As everywhere, the parent hands fds to children and copies no bytes.
//
// The two halves are two startPipeline() chains; the handle combines them so
// callers see one pipeline: one done (first failure upstream first), one
// kill(), one stdout.
import { Socket } from 'node:net';
import { EXIT } from '../kit/exit.js';
import { closeQuietly, createPipes } from './pipes.js';
import { startPipeline, type PipelineIO, type PipelineResult, type RunningPipeline, type Stage } from './spawn.js';

/** Start head, read its fd-3 report, then start decide(report). decide may
 * throw a JnError-like { message, exitCode } to fail the chain, or return
 * undefined when the head is about to fail by itself (an HTTP error status):
 * then the head's own failure is reported. */
export function startDeferredPipeline(head: Stage, decide: (report: string) => Stage[] | undefined, io: PipelineIO): RunningPipeline {
  const [body, meta] = createPipes(2);
  const out = io.stdout === 'pipe' ? createPipes(1)[0] : undefined;
  const first = startPipeline([{ ...head, extraFds: [meta.write] }], {
    stdin: io.stdin,
    stdout: body.write,
    closeAfterSpawn: [body.write, meta.write, ...(io.closeAfterSpawn ?? [])],
  });
  let second: RunningPipeline | undefined;
  let killed = false;
  const stdout = out ? new Socket({ fd: out.read, readable: true, writable: false }) : undefined;

  const report = new Promise<string>((resolve) => {
    const sock = new Socket({ fd: meta.read, readable: true, writable: false });
    let text = '';
    sock.setEncoding('utf8');
    sock.on('data', (s: string) => {
      text += s;
    });
    sock.on('error', () => resolve(text));
    sock.on('close', () => resolve(text));
  });

  const done = (async (): Promise<PipelineResult> => {
    const line = (await report).split('\n')[0];
    if (!line || killed) {
      closeQuietly(body.read);
      if (out) closeQuietly(out.write);
      return first.done;
    }
    let stages: Stage[] | undefined;
    try {
      stages = decide(line);
    } catch (err) {
      closeQuietly(body.read);
      if (out) closeQuietly(out.write);
      first.kill();
      const r = await first.done;
      const e = err as { message?: string; exitCode?: number };
      return { ...r, failure: { index: 0, stage: head.label, reason: e.message ?? String(err), status: e.exitCode ?? EXIT.GENERAL } };
    }
    if (!stages) {
      closeQuietly(body.read);
      if (out) closeQuietly(out.write);
      return first.done;
    }
    second = startPipeline(stages, { stdin: body.read, stdout: out ? out.write : (io.stdout as number), closeAfterSpawn: out ? [body.read, out.write] : [body.read] });
    const [a, b] = await Promise.all([first.done, second.done]);
    return {
      stages: [...a.stages, ...b.stages],
      failure: a.failure ?? (b.failure && { ...b.failure, index: a.stages.length + b.failure.index }),
      warnings: [...a.warnings, ...b.warnings],
      killed: a.killed || b.killed,
    };
  })();

  return {
    get pids() {
      return [...first.pids, ...(second?.pids ?? [])];
    },
    stdout,
    done,
    kill(signal?: NodeJS.Signals) {
      killed = true;
      first.kill(signal);
      second?.kill(signal);
    },
  };
}
