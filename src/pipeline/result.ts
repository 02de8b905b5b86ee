// Showing what a finished pipeline has to say: its warnings, and its first
// real failure formatted once (kit/failure.ts).
import { EXIT } from '../kit/exit.js';
import { printFailure } from '../kit/failure.js';
import type { PipelineResult } from './runner.js';

/** Print warnings and the first real failure; return jn's exit status. */
export function reportResult(result: PipelineResult): number {
  for (const w of result.warnings) process.stderr.write(w + '\n');
  if (result.failure) {
    printFailure(result.failure);
    return result.failure.status;
  }
  return EXIT.OK;
}
