// Running the program on input records, on either thread: RecordRunner
// prints the results and counts what -e and the exit status need; runLines
// runs the records of a text of whole lines (a chunk of NDJSON).
import type { BadRecords } from '../../kit/onerror.js';
import { EXIT } from '../../kit/exit.js';
import { failureLine } from '../../kit/failure.js';
import { HaltSignal, JqError, type Program } from '../index.js';
import { isStackOverflow } from '../errors.js';
import { inputRecord, inputText } from '../literals.js';
import { asOutOfMemory } from '../memory.js';
import type { Value } from '../values.js';
import { printer, type OutputSpec, type Sink } from './output.js';

/** Runs the program on input records and prints the results to a sink;
 * counts what -e and the exit status need. */
export class RecordRunner {
  /** Number (1-based) of the last record run. */
  records = 0;
  outputs = 0;
  last: Value = null;
  /** A runtime error was reported (exit 5 at the end). */
  failed = false;
  private readonly emit: (v: Value) => void;

  constructor(
    private readonly prog: Program,
    o: OutputSpec,
    private readonly sink: Sink,
    /** --on-error=skip|report: runtime errors are counted or reported, not failures. */
    private readonly bad?: BadRecords,
  ) {
    const print = printer(o, sink);
    this.emit = (v) => {
      this.outputs++;
      this.last = v;
      print(v);
    };
  }

  /** Run the next input record (the reader has told literals.ts its text). */
  record(v: Value): void {
    const rec = ++this.records;
    this.prog.ctx.rownum = rec - 1;
    inputRecord(v);
    this.run(v, rec);
  }

  /** Run the program once; a runtime error is reported as record rec's and
   * the run goes on (HaltSignal, OutOfMemory — V8's string length limit
   * too — and anything unexpected are thrown). */
  run(input: Value, rec: number): void {
    try {
      this.prog.run(input, this.emit);
    } catch (e) {
      if (e instanceof HaltSignal) throw e;
      if (e instanceof JqError) this.fail(e.describe(), rec);
      else if (isStackOverflow(e)) this.fail('recursion too deep', rec);
      else throw asOutOfMemory(e) ?? e;
    }
  }

  private fail(message: string, rec: number): void {
    if (this.bad) return this.bad.bad(new Error(message), { record: rec });
    // as data when jn runs this stage (the shell's preview): a runtime error
    // must show on its stage even if the run is stopped later, at its limit
    this.sink.error(failureLine({ stage: 'filter', reason: `${message} (record ${rec})`, status: EXIT.FILTER_RUNTIME }) + '\n');
    this.failed = true;
  }
}

const SKIP = {};
const STOP = {};

/** A line's one JSON value; SKIP for a blank line; STOP for anything else. */
function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return /^[ \t\r]*$/.test(line) ? SKIP : STOP;
  }
}

/** What runLines did: the offset it stopped at (text.length when it ran
 * every line), and the lines and records it ran. */
interface Ran {
  pos: number;
  lines: number;
  records: number;
}

/** Run the records of text, whole lines: each line one JSON value (or, with
 * raw, one string). Stops before the first line that is neither a value
 * nor blank: countRecords did not count it right. */
export function runLines(text: string, runner: RecordRunner, raw: boolean): Ran {
  const before = runner.records;
  let lines = 0;
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    let line = text.slice(pos, end);
    if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    if (raw) runner.record(line);
    else if (line.length !== 0) {
      const v = parseLine(line);
      if (v === STOP) break;
      if (v !== SKIP) {
        inputText(line);
        runner.record(v as Value);
      }
    }
    lines++;
    pos = end + 1;
  }
  return { pos: Math.min(pos, text.length), lines, records: runner.records - before };
}
