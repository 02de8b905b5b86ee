// jn filter's output: jq's output options, where results go (a Sink: the
// main thread's StdSink, or the worker's job output), and the printer that
// turns each result into its text.
import { Output, writeAll } from '../../kit/io.js';
import { asciiEscape, dumpJq, dumpWith, type DumpOptions } from '../print.js';
import type { Value } from '../values.js';

/** jq's output options. */
export interface OutputSpec {
  rawOutput: boolean;
  join: boolean;
  ascii: boolean;
  indent: number | string;
  sortKeys: boolean;
  seq: boolean;
}

/** Where results go: stdout text, and whole stderr messages, which come
 * after the stdout text written before them. */
export interface Sink {
  write(s: string): void;
  error(s: string): void;
}

/** The main thread's sink: stdout through an Output buffer, flushed before
 * each stderr message. Messages are written to fd 2 at once, blocking, as
 * stdout is: process.stderr would queue what a full pipe does not take (the
 * worker's messages come in bursts), and process.exit would lose it. */
export class StdSink extends Output implements Sink {
  error(s: string): void {
    this.flush();
    writeAll(2, Buffer.from(s));
  }
}

/** A function that writes each result to sink as the options say. */
export function printer(o: OutputSpec, sink: Sink): (v: Value) => void {
  const dumpOpts: DumpOptions = { indent: o.indent, sortKeys: o.sortKeys, ascii: o.ascii };
  const plain = !o.indent && !o.sortKeys && !o.ascii;
  const nl = o.join ? '' : '\n';
  const rs = o.seq ? '\x1e' : '';
  return (v) => {
    if (o.rawOutput && typeof v === 'string') sink.write(rs + (o.ascii ? asciiEscape(v) : v) + nl);
    else sink.write(rs + (plain ? dumpJq(v) : dumpWith(v, dumpOpts)) + nl);
  };
}
