// The history of stage entries typed in `jn shell`, like a shell's: kept in
// a file (one JSON string per line, appended as entries are added) and
// walked with prev/next from the entry editor.
import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { jnHome } from '../kit/paths.js';

/** Where `jn shell` keeps its history: $JN_HOME/shell_history. */
export function defaultHistoryFile(): string {
  return join(jnHome(), 'shell_history');
}

export class History {
  readonly file: string | null;
  readonly max: number;
  #entries: string[] = [];
  /** While navigating: the index shown (entries.length = the draft). */
  #pos: number | undefined;
  #draft = '';
  /** The last error writing the file, if any (history never throws on I/O). */
  writeError: Error | undefined;

  /** `file`: the history file (default $JN_HOME/shell_history); null keeps
   * the history in memory only. A missing or unreadable file is an empty
   * history; lines that are not a JSON string are ignored; only the newest
   * `max` entries are kept. */
  constructor(file: string | null = defaultHistoryFile(), max = 1000) {
    this.file = file;
    this.max = Math.max(1, Math.trunc(max));
    if (file === null) return;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return;
    }
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (const line of lines) {
      if (line.trim() === '') continue;
      try {
        const v: unknown = JSON.parse(line);
        if (typeof v === 'string' && v.trim() !== '' && v !== this.#entries[this.#entries.length - 1]) this.#entries.push(v);
      } catch {
        // a corrupt line: skip it
      }
    }
    if (this.#entries.length > this.max) this.#entries = this.#entries.slice(-this.max);
    // keep the file from growing without bound: rewrite it now and then
    if (lines.length > 2 * this.max) this.#rewrite();
  }

  /** Oldest first. */
  get entries(): readonly string[] {
    return this.#entries;
  }

  /** Record an entry (trimmed). Empty entries and a repeat of the newest
   * entry are skipped. Ends any navigation. */
  add(entry: string): void {
    this.resetNavigation();
    const e = entry.trim();
    if (e === '' || e === this.#entries[this.#entries.length - 1]) return;
    this.#entries.push(e);
    if (this.#entries.length > this.max) this.#entries.splice(0, this.#entries.length - this.max);
    if (this.file === null) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      appendFileSync(this.file, JSON.stringify(e) + '\n');
      this.writeError = undefined;
    } catch (err) {
      this.writeError = err as Error;
    }
  }

  #rewrite(): void {
    if (this.file === null) return;
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, this.#entries.map((e) => JSON.stringify(e) + '\n').join(''));
      renameSync(tmp, this.file);
    } catch (err) {
      this.writeError = err as Error;
    }
  }

  /** The entry before the one shown (Up). The first call of a navigation
   * remembers `draft`, the text being edited. undefined: nothing older. */
  prev(draft: string): string | undefined {
    if (this.#pos === undefined) {
      if (this.#entries.length === 0) return undefined;
      this.#draft = draft;
      this.#pos = this.#entries.length;
    }
    if (this.#pos === 0) return undefined;
    this.#pos--;
    return this.#entries[this.#pos];
  }

  /** The entry after the one shown (Down); past the newest, the remembered
   * draft (and the navigation ends). undefined: not navigating. */
  next(): string | undefined {
    if (this.#pos === undefined) return undefined;
    this.#pos++;
    if (this.#pos >= this.#entries.length) {
      const draft = this.#draft;
      this.resetNavigation();
      return draft;
    }
    return this.#entries[this.#pos];
  }

  /** Forget the navigation (call when the entry is submitted or abandoned). */
  resetNavigation(): void {
    this.#pos = undefined;
    this.#draft = '';
  }
}
