// Generated inputs for the seek tests: files whose first field is the data
// row number, with the byte offset where each data row starts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Generated {
  path: string;
  /** Offset of each data row's first byte. */
  starts: number[];
  headerBytes: number;
  size: number;
  /** The second field of each row, as the reader gives it. */
  texts: string[];
}

/** A CSV file: id, text, n. Some texts are quoted with line ends, commas
 * and "" inside; with `stray`, some unquoted texts hold a quote (text by
 * the csv rules). */
export function csvFile(dir: string, name: string, rows: number, rand: () => number, eol = '\n', stray = false): Generated {
  const header = `id,text,n${eol}`;
  const parts: string[] = [header];
  const starts: number[] = [];
  const texts: string[] = [];
  let at = Buffer.byteLength(header);
  for (let i = 0; i < rows; i++) {
    const r = rand();
    let text: string;
    let cell: string;
    if (r < 0.15) {
      text = `line ${i}${eol}more, "quoted" ${eol}end`;
      cell = `"${text.replace(/"/g, '""')}"`;
    } else if (r < 0.25 && stray) {
      text = `${i} inch"`;
      cell = text;
    } else if (r < 0.35) {
      text = `a, b ${i}`;
      cell = `"${text}"`;
    } else {
      text = `plain ${Math.floor(rand() * 1e6)}`;
      cell = text;
    }
    const line = `${i},${cell},${Math.floor(rand() * 1000)}${eol}`;
    starts.push(at);
    texts.push(text.replace(/\r\n/g, '\r\n'));
    parts.push(line);
    at += Buffer.byteLength(line);
  }
  const path = join(dir, name);
  writeFileSync(path, parts.join(''));
  return { path, starts, headerBytes: Buffer.byteLength(header), size: at, texts };
}

/** An NDJSON file with blank and blank-looking lines between the records. */
export function ndjsonFile(dir: string, name: string, rows: number, rand: () => number): Generated & { lineStarts: number[] } {
  const parts: string[] = [];
  const starts: number[] = [];
  const lineStarts: number[] = [];
  const texts: string[] = [];
  let at = 0;
  const add = (line: string, row: boolean) => {
    if (row) starts.push(at);
    lineStarts.push(at);
    parts.push(line);
    at += Buffer.byteLength(line);
  };
  for (let i = 0; i < rows; i++) {
    if (rand() < 0.05) add(rand() < 0.5 ? '\n' : ' \t\r\n', false);
    const text = `é ${Math.floor(rand() * 1e9)}`.repeat(1 + Math.floor(rand() * 4));
    texts.push(text);
    add(JSON.stringify({ id: i, text }) + '\n', true);
  }
  const path = join(dir, name);
  writeFileSync(path, parts.join(''));
  return { path, starts, lineStarts, headerBytes: 0, size: at, texts };
}

/** The first element of sorted `list` at or above `x` (else `end`). */
export function firstAtOrAfter(list: number[], x: number, end: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length ? list[lo] : end;
}
