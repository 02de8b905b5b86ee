// Printing what a finished pipeline has to say on stderr.
import type { PipelineResult } from './runner.js';
import { EXIT } from '../kit/exit.js';

/** Print warnings and the first real failure; return jn's exit status. */
export function reportResult(result: PipelineResult): number {
  for (const w of result.warnings) process.stderr.write(w + '\n');
  if (result.failure) {
    process.stderr.write(result.failure.message + '\n');
    return result.failure.exitCode;
  }
  return EXIT.OK;
}
