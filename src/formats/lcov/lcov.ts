// LCOV coverage tracefiles (`.info`, `.lcov`) -> records, the pure part.
//
// A tracefile is blocks of `KEY:value` lines, one block per source file:
//   SF:<path>                 starts a block
//   DA:<line>,<hits>[,<md5>]  a line's execution count
//   FN:<line>,<name>          a function (FN:<start>,<end>,<name>: with its end line)
//   FNDA:<hits>,<name>        a function's execution count
//   FNL:<i>,<start>[,<end>] / FNA:<i>,<hits>,<name>   lcov 2.2's form of the two
//   BRDA:<line>,<block>,<branch>,<hits or ->          a branch
//   end_of_record             ends the block
// Other lines (TN:, VER:, the LF/LH/FNF/FNH/BRF/BRH totals) are ignored:
// jn computes the totals from the entries.
//
// Records, in the original JN plugin's shapes, one kind per mode:
//   functions (default): per function, its lines' and branches' coverage
//   files: per source file, totals and the function names
//   lines: per DA line; branches: per BRDA entry
// A block's records are written when the block ends, so memory holds one
// source file's entries.
import { DataError } from '../../kit/sdk.js';

export const LCOV_MODES = ['functions', 'files', 'lines', 'branches'] as const;
export type LcovMode = (typeof LCOV_MODES)[number];

interface LineHit {
  line: number;
  hits: number;
}

interface Branch {
  line: number;
  block: number;
  branch: string;
  hits: number;
}

interface Fn {
  name: string;
  start: number;
  end: number;
  hits: number;
}

/** One SF ... end_of_record block. */
export interface FileBlock {
  file: string;
  lines: LineHit[];
  functions: Map<string, Fn>;
  branches: Branch[];
}

const INT = /^-?\d+$/;

function int(text: string, what: string, lineNo: number): number {
  const t = text.trim();
  if (!INT.test(t)) throw new DataError(`${what}: expected an integer, got ${JSON.stringify(t)}`, lineNo);
  return Number(t);
}

/** A count: an integer, or a number some tools write (`1.5e3`); `-` is 0. */
function count(text: string, what: string, lineNo: number): number {
  const t = text.trim();
  if (t === '-') return 0;
  const n = Number(t);
  if (t === '' || !Number.isFinite(n)) throw new DataError(`${what}: expected a count, got ${JSON.stringify(t)}`, lineNo);
  return n;
}

/** `a,b,rest` split at the first n-1 commas (the last field keeps its commas). */
function fields(text: string, n: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (out.length < n - 1) {
    const k = rest.indexOf(',');
    if (k === -1) break;
    out.push(rest.slice(0, k));
    rest = rest.slice(k + 1);
  }
  out.push(rest);
  return out;
}

/** Parses a tracefile line by line; `line()` returns a block when one ends. */
export class LcovParser {
  private cur: FileBlock | null = null;
  /** lcov 2.2's FNL index -> the function's start and end, until its FNA. */
  private indexed = new Map<string, { start: number; end: number }>();

  line(raw: string, lineNo: number): FileBlock | null {
    const text = raw.trim();
    if (text === 'end_of_record') return this.end();
    const colon = text.indexOf(':');
    if (colon === -1) return null;
    const key = text.slice(0, colon);
    const value = text.slice(colon + 1);
    if (key === 'SF') {
      const done = this.end();
      this.cur = { file: value, lines: [], functions: new Map(), branches: [] };
      this.indexed.clear();
      return done;
    }
    const cur = this.cur;
    if (cur === null) return null; // TN:, VER: ... before the first SF
    switch (key) {
      case 'DA': {
        const [line, hits] = fields(value, 3);
        if (hits === undefined) throw new DataError(`DA: expected DA:<line>,<hits>, got ${JSON.stringify(text)}`, lineNo);
        cur.lines.push({ line: int(line, 'DA line', lineNo), hits: count(hits, 'DA hits', lineNo) });
        break;
      }
      case 'FN':
        this.fn(cur, value, lineNo);
        break;
      case 'FNDA': {
        const [hits, name] = fields(value, 2);
        if (name === undefined) throw new DataError(`FNDA: expected FNDA:<hits>,<name>, got ${JSON.stringify(text)}`, lineNo);
        const fn = cur.functions.get(name);
        if (fn) fn.hits = count(hits, 'FNDA hits', lineNo);
        break;
      }
      case 'FNL': {
        const [index, start, end] = fields(value, 3);
        if (start === undefined) throw new DataError(`FNL: expected FNL:<index>,<start>[,<end>], got ${JSON.stringify(text)}`, lineNo);
        const s = int(start, 'FNL start line', lineNo);
        this.indexed.set(index.trim(), { start: s, end: end === undefined ? s : int(end, 'FNL end line', lineNo) });
        break;
      }
      case 'FNA': {
        const [index, hits, name] = fields(value, 3);
        const at = this.indexed.get(index.trim());
        if (name === undefined || at === undefined) throw new DataError(`FNA: expected FNA:<index>,<hits>,<name> after its FNL, got ${JSON.stringify(text)}`, lineNo);
        cur.functions.set(name, { name, start: at.start, end: at.end, hits: count(hits, 'FNA hits', lineNo) });
        break;
      }
      case 'BRDA': {
        const [line, block, branch, hits] = fields(value, 4);
        if (hits === undefined) throw new DataError(`BRDA: expected BRDA:<line>,<block>,<branch>,<hits>, got ${JSON.stringify(text)}`, lineNo);
        cur.branches.push({ line: int(line, 'BRDA line', lineNo), block: int(block, 'BRDA block', lineNo), branch, hits: count(hits, 'BRDA hits', lineNo) });
        break;
      }
      default:
        break; // TN, LF, LH, FNF, FNH, BRF, BRH, VER, ...
    }
    return null;
  }

  /** FN:<line>,<name> or FN:<start>,<end>,<name> (coverage.py, lcov 2). */
  private fn(cur: FileBlock, value: string, lineNo: number): void {
    const [a, b, c] = fields(value, 3);
    if (b === undefined) throw new DataError(`FN: expected FN:<line>,<name>, got ${JSON.stringify('FN:' + value)}`, lineNo);
    const start = int(a, 'FN line', lineNo);
    const withEnd = c !== undefined && INT.test(b.trim());
    const name = withEnd ? c : value.slice(value.indexOf(',') + 1);
    const prev = cur.functions.get(name);
    cur.functions.set(name, { name, start, end: withEnd ? Number(b.trim()) : start, hits: prev?.hits ?? 0 });
  }

  /** The block being read, ended (at end_of_record, the next SF, or the end of the input). */
  end(): FileBlock | null {
    const done = this.cur;
    this.cur = null;
    return done;
  }
}

const pct = (part: number, whole: number): number => (whole > 0 ? (part / whole) * 100 : 0);

const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** The records of one block in the given mode, in the original's key order. */
export function blockRecords(b: FileBlock, mode: LcovMode): Record<string, unknown>[] {
  const file = b.file;
  const filename = baseName(file);
  switch (mode) {
    case 'lines':
      return b.lines.map((l) => ({ file, filename, line: l.line, hits: l.hits, executed: l.hits > 0 }));
    case 'branches':
      return b.branches.map((br) => ({ file, filename, line: br.line, block: br.block, branch: br.branch, hits: br.hits, taken: br.hits > 0 }));
    case 'files':
      return [fileRecord(b, file, filename)];
    case 'functions':
      return [...b.functions.values()].map((fn) => functionRecord(b, fn, file, filename));
  }
}

function fileRecord(b: FileBlock, file: string, filename: string): Record<string, unknown> {
  const executed = b.lines.filter((l) => l.hits > 0).length;
  const taken = b.branches.filter((br) => br.hits > 0).length;
  const fns = [...b.functions.values()];
  const fnHit = fns.filter((f) => f.hits > 0).length;
  return {
    file,
    filename,
    total_lines: b.lines.length,
    executed_lines: executed,
    coverage: pct(executed, b.lines.length),
    total_branches: b.branches.length,
    taken_branches: taken,
    branch_coverage: pct(taken, b.branches.length),
    total_functions: fns.length,
    executed_functions: fnHit,
    function_coverage: pct(fnHit, fns.length),
    functions: fns.map((f) => f.name),
  };
}

function functionRecord(b: FileBlock, fn: Fn, file: string, filename: string): Record<string, unknown> {
  const inside = (line: number): boolean => fn.start <= line && line <= fn.end;
  const lines = b.lines.filter((l) => inside(l.line));
  const executed = lines.filter((l) => l.hits > 0).length;
  const branches = b.branches.filter((br) => inside(br.line));
  const taken = branches.filter((br) => br.hits > 0).length;
  return {
    file,
    filename,
    function: fn.name,
    start_line: fn.start,
    end_line: fn.end,
    lines: fn.end - fn.start + 1,
    total_lines: lines.length,
    executed_lines: executed,
    missing_lines: lines.length - executed,
    coverage: pct(executed, lines.length),
    hit_count: fn.hits,
    executed: fn.hits > 0,
    total_branches: branches.length,
    taken_branches: taken,
    partial_branches: branches.length - taken,
    branch_coverage: pct(taken, branches.length),
  };
}
