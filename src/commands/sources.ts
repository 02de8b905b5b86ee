// Reading an address's records inside a command (the right side of a join,
// merge with annotations, inspect): the address's plugin chain runs as usual
// and the command reads the last stage's stdout. Errors of the chain become a
// JnError with the chain's own message and exit status.
import { StringDecoder } from 'node:string_decoder';
import type { Address } from '../address/parse.js';
import { readPlan, type ReadPlan, type RequestOptions, type ResponseMeta } from '../plugins/stages.js';
import { startDeferredPipeline } from '../pipeline/deferred.js';
import { startPipeline, type RunningPipeline } from '../pipeline/runner.js';
import { JnError } from '../util/exit.js';
import { expandAddresses, openSource } from './cat.js';
import { reportResult } from './report.js';

export { expandAddresses };

/** Start reading an address: its file's fd (if any) goes to the first stage;
 * a URL whose format depends on the response is started in two halves. */
export function startRead(plan: ReadPlan, stdout: number | 'pipe'): RunningPipeline {
  const stdin = plan.input === 'none' ? 'ignore' : openSource(plan.addr);
  const closeAfterSpawn = typeof stdin === 'number' && stdin !== 0 ? [stdin] : [];
  const { decide } = plan;
  if (decide) {
    return startDeferredPipeline(
      plan.stages[0],
      (line) => {
        const meta = JSON.parse(line) as ResponseMeta;
        return meta.status !== undefined && meta.status >= 400 ? undefined : decide(meta).stages;
      },
      { stdin, stdout, closeAfterSpawn },
    );
  }
  return startPipeline(plan.stages, { stdin, stdout, closeAfterSpawn });
}

/** Start reading an address with the request options of the command line. */
export function startAddress(addr: Address, stdout: number | 'pipe', req?: RequestOptions): RunningPipeline {
  return startRead(readPlan(addr, req), stdout);
}

/** NDJSON lines of an address, as they come. */
export async function* addressLines(addr: Address): AsyncGenerator<string> {
  const p = startAddress(addr, 'pipe');
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let completed = false;
  try {
    for await (const chunk of p.stdout!) {
      const text = carry + decoder.write(chunk as Buffer);
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        if (nl > start) yield text.slice(start, nl);
        start = nl + 1;
      }
      carry = text.slice(start);
    }
    carry += decoder.end();
    if (carry) yield carry;
    completed = true;
  } finally {
    // A consumer that stops early ends the chain.
    if (!completed) p.kill();
    const result = await p.done;
    if (completed && result.failure) throw new JnError(result.failure.message.replace(/^jn: /, ''), result.failure.exitCode);
    if (completed) reportResult({ ...result, failure: undefined });
  }
}

/** Parsed records of an address. */
export async function* addressRecords(addr: Address): AsyncGenerator<unknown> {
  for await (const line of addressLines(addr)) yield JSON.parse(line);
}
