// jn version — what `jn --version` prints (JN's spelling).
import { EXIT } from '../kit/exit.js';
import type { CommandSpec, Invocation } from '../spec.js';

export const spec: CommandSpec = {
  name: 'version',
  description: "Print jn's version (the same as jn --version).",
};

export function run({ version }: Invocation): number {
  process.stdout.write(version + '\n');
  return EXIT.OK;
}
