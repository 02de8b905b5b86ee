// What the main thread and the worker of the two-thread path (parallel.ts,
// worker.ts) say to each other.
import { readlinkSync } from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import type { Value } from '../values.js';
import type { OutputSpec } from './output.js';

/** What the worker needs to compile and run the program as the main thread does. */
export interface WorkerSpec {
  expr: string;
  vars: Record<string, Value>;
  output: OutputSpec;
  raw: boolean;
  /** The heap limit in MB (JN_FILTER_HEAP_MB; null: the default). */
  heapMb: number | null;
}

export interface WorkerInit extends WorkerSpec {
  /** The worker's messages go back on this port; after each, it increments
   * signal[SENT] (and notifies). The main thread increments signal[TAKEN]
   * for each part it has taken. */
  port: MessagePort;
  signal: Int32Array;
}

export const SENT = 0;
export const TAKEN = 1;

/** A chunk for the worker: its bytes (from offset), and the number of
 * records before it. */
export interface Job {
  input: ArrayBuffer;
  offset: number;
  length: number;
  records: number;
}

/** Output bytes, and stderr messages where they were written. */
export type Pieces = (Uint8Array | string)[];

/** The worker's messages: whether it compiled the program (and its thread
 * id, to tell whether it is still alive); output of a Job so far (a big
 * one comes in parts); the end of a Job. */
export type Message =
  | { kind: 'ready'; ok: boolean; tid: number | null }
  | { kind: 'part'; pieces: Pieces }
  | ({ kind: 'done' } & Done);

export interface Done {
  pieces: Pieces;
  /** The Job's buffer, back for reuse. */
  input: ArrayBuffer;
  lines: number;
  records: number;
  outputs: number;
  lastTruthy: boolean;
  failed: boolean;
  /** The chunk from its first line that is not one JSON value on, if any. */
  rest: string | null;
  /** The message of an error that ends the run (out of memory, or
   * unexpected), and the status jn exits with. */
  fatal: string | null;
  fatalStatus: number;
}

/** The calling thread's id (Linux), for the main thread to see whether the
 * worker is still alive: a worker out of memory is ended without a word. */
export function threadId(): number | null {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return null;
  }
}
