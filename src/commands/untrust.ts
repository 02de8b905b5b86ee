// jn untrust [DIR] — stop using a project's .jn/plugins and .jn/profiles
// (docs/plugins.md, "Trust").
import { untrustProject } from '../sources/trust.js';
import { EXIT } from '../kit/exit.js';
import type { CommandSpec, Invocation } from '../spec.js';

export const spec: CommandSpec = {
  name: 'untrust',
  description: "Forget the trust of a project's .jn/: its plugins and profiles are ignored again.",
  arguments: [{ name: '[dir]', description: 'the project, or a directory in it (default: the working directory)' }],
};

export function run({ args }: Invocation): number {
  const u = untrustProject((args[0] as string | undefined) ?? '.');
  process.stdout.write(u.was ? `untrusted ${u.root}\n` : `${u.root} was not trusted\n`);
  return EXIT.OK;
}
