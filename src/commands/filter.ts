// jn filter [options] EXPR [FILE...] — run a jq program on each JSON value
// of stdin or of the files.
// The command line lives in src/filter/cli/ (main.ts): jq's own options are
// parsed there, so commander passes every argument through.
import { run as filterMain } from '../filter/cli/main.js';
import type { CommandSpec, Invocation } from '../spec.js';

export const spec: CommandSpec = {
  name: 'filter',
  description: "Run a jq program on each NDJSON record of stdin or of files (jq 1.7 language plus jn's extras); see docs/filter.md.",
  arguments: [{ name: '[args...]', description: "EXPR (or -f PROGRAM-FILE), input FILEs, and jq's options: -n -s -r -j -c --pretty -e --arg NAME V --argjson NAME JSON" }],
  allowUnknownOption: true,
  ownHelp: true,
  stage: true,
  streams: true,
};

export function run({ args }: Invocation): Promise<number> {
  return filterMain(args[0] as string[]);
}
