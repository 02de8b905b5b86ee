// `jn cat --meta` (and a file profile's inject_meta): every record gets
// where it came from as its first keys, as JN writes them:
//   _path        the file as named (a glob's match, relative when it is)
//   _dir         its directory ("." for a bare name)
//   _filename    its name; _basename the name without its last extension;
//   _ext         that extension with its dot ("" when none)
//   _file_index  the file's place among the files read (from 0)
//   _line_index  the record's place in its file (from 0)
// Keys of the same names in a record are replaced.
import { basename, dirname, extname } from 'node:path';
import { EXIT } from '../kit/exit.js';
import { Output } from '../kit/io.js';
import { fieldsText, prefixRecord } from '../kit/prefix.js';
import { addressLines, checkedAddresses } from './open.js';
import type { RequestOptions } from './plans.js';
import type { Address } from './address.js';

const KEYS = ['_path', '_dir', '_filename', '_basename', '_ext', '_file_index', '_line_index'];

function fileFields(addr: Address, fileIndex: number): [string, unknown][] {
  const path = addr.isStdio ? '-' : addr.path;
  const name = basename(path);
  const ext = extname(name);
  return [
    ['_path', path],
    ['_dir', dirname(path)],
    ['_filename', name],
    ['_basename', ext ? name.slice(0, -ext.length) : name],
    ['_ext', ext],
    ['_file_index', fileIndex],
  ];
}

/** `jn cat --meta`: every address's records to fd 1 with their path
 * metadata first (the lines pass through jn to get it). */
export async function catWithMeta(raws: string[], req: RequestOptions = {}): Promise<number> {
  const out = new Output(1);
  for (const [fileIndex, { addr }] of checkedAddresses(raws, req).entries()) {
    const file = fieldsText(fileFields(addr, fileIndex));
    let lineIndex = 0;
    try {
      for await (const line of addressLines(addr)) {
        out.write(prefixRecord(line, lineIndex + 1, `${file},"_line_index":${lineIndex}`, KEYS) + '\n');
        lineIndex++;
      }
    } finally {
      out.flush();
    }
  }
  return EXIT.OK;
}
