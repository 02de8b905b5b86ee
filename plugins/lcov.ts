// lcov: LCOV coverage tracefiles (.info, .lcov) -> NDJSON, one kind of record
// per mode. The logic lives in src/formats/lcov/.
import { readLcov } from '../src/formats/lcov/modes.js';
import { ENCODING_OPTION } from '../src/kit/encoding.js';
import { runPlugin, type PluginMeta } from '../src/kit/sdk.js';

const meta: PluginMeta = {
  name: 'lcov',
  version: '0.1.0',
  description:
    'LCOV coverage tracefiles (lcov, gcov, c8/istanbul, coverage.py, cargo-llvm-cov) -> NDJSON: a record per function (default), file, line or branch with hits and coverage percentages, as JN\'s lcov plugin; read only',
  matches: ['\\.info$', '\\.lcov$'],
  role: 'format',
  modes: ['read'],
  options: [
    {
      name: 'mode',
      description:
        'what a record is (address: cov.info?mode=files; by hand, a second --mode after --mode=read): functions (default: per function, the coverage of its lines and branches), files (per source file: totals and function names), lines (per DA line: hits, executed), branches (per BRDA branch: hits, taken)',
    },
    ENCODING_OPTION,
  ],
};

runPlugin(meta, { read: readLcov });
