// Opening the source file in a seek process: a Node error becomes jn's
// one-line message (`data.csv: no such file or directory`).
import { openSync } from 'node:fs';
import { ioError } from '../../kit/exit.js';

export function openFile(path: string): number {
  try {
    return openSync(path, 'r');
  } catch (err) {
    throw ioError(err, path);
  }
}
