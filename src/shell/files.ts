// The file I/O of `jn shell`: the session it starts with (an address, or
// --load FILE), and the files of :export, :save and :load.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseAddress } from '../sources/address.js';
import { EXIT, JnError, ioError } from '../kit/exit.js';
import { toScript } from './export.js';
import { loadSession, saveSession } from './load.js';
import type { SessionState } from './session.js';
import { isShSource, shSourceArgv } from './sh-source.js';

/** The session `jn shell [ADDRESS] [--load FILE]` opens: FILE read back
 * (ADDRESS, if given, replaces its source), or ADDRESS with no stages. */
export function startingSession(address: string | undefined, load: string | undefined): SessionState {
  // a command source that cannot be read (`sh:` alone) is refused at once
  if (address) shSourceArgv(address);
  if (!load) {
    if (!address) throw new JnError('give a source address (jn shell data.csv), pipe the data in (cat data.ndjson | jn shell), or --load FILE', EXIT.USAGE);
    return { source: address, stages: [] };
  }
  const loaded = loadSession(onFile(load, () => readFileSync(load, 'utf8')), load);
  return address ? { ...loaded, source: address } : loaded;
}

/** :export FILE: an executable sh script (mode 755) that reproduces the
 * pipeline, from any directory: a relative file source is made absolute.
 * An existing FILE is replaced only with force (`:export! FILE`). */
export function exportScript(file: string, state: SessionState, version: string, createdAt = new Date(), force = false): void {
  if (!force && existsSync(file)) throw new JnError(`${file} exists: :export! ${file} replaces it`, EXIT.USAGE);
  onFile(file, () => {
    writeFileSync(file, toScript({ ...state, source: absoluteSource(state.source) }, { version, createdAt }));
    chmodSync(file, 0o755);
  });
}

/** A relative file address with its path made absolute (`data.csv?x=1`
 * → `/home/me/data.csv?x=1`); any other address as it is. */
function absoluteSource(source: string): string {
  let addr;
  try {
    addr = parseAddress(source);
  } catch {
    return source;
  }
  if (isShSource(source) || addr.protocol !== 'file' || addr.isStdio || isAbsolute(addr.path) || !source.startsWith(addr.path)) return source;
  return resolve(addr.path) + source.slice(addr.path.length);
}

/** :save FILE: the session as JSON. */
export function saveSessionFile(file: string, state: SessionState): void {
  onFile(file, () => writeFileSync(file, saveSession(state)));
}

/** :load FILE: an exported script, a saved session or a plain pipeline. */
export function loadSessionFile(file: string): SessionState {
  return loadSession(onFile(file, () => readFileSync(file, 'utf8')), file);
}

/** A file operation whose failure is jn's one line (`x.sh: is a
 * directory`), not Node's (`EISDIR: illegal operation on a directory`). */
function onFile<T>(file: string, op: () => T): T {
  try {
    return op();
  } catch (err) {
    throw ioError(err, file);
  }
}
