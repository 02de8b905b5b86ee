// jn filter [options] EXPR — run a jq program on each JSON value of stdin.
// The command lives in src/filter/cli/ (main.ts); this is its entry point.
import { run } from '../filter/cli/main.js';

export function filterMain(args: string[]): Promise<number> {
  return run(args);
}
