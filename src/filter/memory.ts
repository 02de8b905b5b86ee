// The filter's heap limit. A V8 isolate that reaches V8's own heap limit
// ends the whole process with a fatal error (a native stack dump, SIGABRT),
// so does a JS array grown past about 112 million elements, whatever the
// heap; and a Worker's resourceLimits do not save the process either (a
// worker out of memory in a young-generation allocation took the process
// down with it). So the engine watches its heap itself, where a program's
// memory grows: tick() is called for each value collected into an array
// (`[...]`), each reduce/foreach step and each input read, and every
// CHECK_EVERY ticks it compares V8's used heap with the limit. Above it,
// after a full garbage collection (to count only what is live), it throws
// OutOfMemory: a JnError, not a jq error, so `try` does not catch it.
//
// The limit is JN_FILTER_HEAP_MB (the command line sets it: setHeapLimit),
// by default and at most SAFE of V8's heap limit (Node sizes that from the
// machine's memory; NODE_OPTIONS=--max-old-space-size raises it): between
// two checks an array may grow by half of itself, and the limit keeps that
// within V8's.
import { EXIT, JnError } from '../kit/exit.js';

const CHECK_EVERY = 1 << 14;
/** Largest array built by collecting values: V8 aborts on growing a JS
 * array's backing store past about 112 million elements (1.5x of 2^26 is
 * below that). */
const MAX_ARRAY = 1 << 26;
/** Share of V8's heap limit that the filter's limit stays under. */
const SAFE = 0.4;
const MB = 1 << 20;

type V8 = typeof import('node:v8');

/** The filter ran out of memory: one line, jn filter's runtime status. */
export class OutOfMemory extends JnError {
  constructor(what: string) {
    super(`out of memory (${what})`, EXIT.FILTER_RUNTIME);
  }
}

let countdown = CHECK_EVERY;
let v8: V8 | null = null;
let requestedMb: number | null = null;
let gc: (() => void) | null = null;

/** The heap limit in MB (null: the default, SAFE of V8's). */
export function setHeapLimit(mb: number | null): void {
  requestedMb = mb;
}

/** One more value held: every CHECK_EVERY, check the heap. */
export function tick(): void {
  if (--countdown <= 0) checkHeap();
}

/** Before pushing onto an array of length n (collecting values). */
export function checkLength(n: number): void {
  if (n >= MAX_ARRAY) throw new OutOfMemory(`an array of more than ${MAX_ARRAY} values`);
}

/** The limit in effect (MB), V8's (MB), and whether the limit is V8's share. */
function heapLimit(): { mb: number; v8Mb: number; capped: boolean } {
  v8 ??= process.getBuiltinModule('node:v8') as V8;
  const v8Mb = Math.floor(v8.getHeapStatistics().heap_size_limit / MB);
  const safe = Math.floor(v8Mb * SAFE);
  if (requestedMb !== null && requestedMb < safe) return { mb: requestedMb, v8Mb, capped: false };
  return { mb: safe, v8Mb, capped: true };
}

function checkHeap(): void {
  countdown = CHECK_EVERY;
  const limit = heapLimit();
  const used = (): number => v8!.getHeapStatistics().used_heap_size;
  if (used() < limit.mb * MB) return;
  fullGc();
  if (used() < limit.mb * MB) return;
  const how = limit.capped
    ? `heap limit ${limit.mb} MB, ${SAFE * 100}% of node's ${limit.v8Mb} MB; raise it with NODE_OPTIONS=--max-old-space-size=${limit.v8Mb * 2}`
    : `heap limit ${limit.mb} MB; raise it with JN_FILTER_HEAP_MB=${limit.mb * 2}`;
  throw new OutOfMemory(how);
}

/** A full garbage collection (V8's gc(), exposed the first time it is needed). */
function fullGc(): void {
  if (!gc) {
    v8!.setFlagsFromString('--expose-gc');
    const vm = process.getBuiltinModule('node:vm') as typeof import('node:vm');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
}

let stringTooLong: string | undefined;

/** e as an OutOfMemory: itself, or V8's RangeError for a string longer
 * than V8 allows (told by the message a probe gets; V8 gives it no class). */
export function asOutOfMemory(e: unknown): OutOfMemory | null {
  if (e instanceof OutOfMemory) return e;
  if (!(e instanceof RangeError)) return null;
  stringTooLong ??= probeStringLength();
  return e.message === stringTooLong ? new OutOfMemory('a string longer than V8 allows, 2^29 - 24 characters') : null;
}

function probeStringLength(): string {
  try {
    'x'.repeat(2 ** 30); // refused before anything is allocated
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}
