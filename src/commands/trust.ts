// jn trust [DIR] | --list — let jn use a project's .jn/plugins and
// .jn/profiles until their content changes (docs/plugins.md, "Trust").
import { listTrusted, trustProject } from '../sources/trust.js';
import { EXIT, JnError } from '../kit/exit.js';
import { renderTable } from '../kit/table.js';
import type { CommandSpec, Invocation } from '../spec.js';

export const spec: CommandSpec = {
  name: 'trust',
  description: "Trust a project's .jn/ (its plugins and profiles) until its content changes; --list the trusted ones.",
  arguments: [{ name: '[dir]', description: 'the project, or a directory in it (default: the working directory)' }],
  options: [{ flags: '--list', description: 'list the trusted directories and whether each is unchanged' }],
  helpAfter: 'Until trusted, jn ignores a project\'s .jn/plugins and .jn/profiles. Trust is kept in $JN_HOME/trust.json\nwith a hash of those files: any change revokes it. jn untrust [DIR] forgets it.',
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function run({ args, opts }: Invocation): number {
  const dir = args[0] as string | undefined;
  if (opts.list) {
    if (dir !== undefined) throw new JnError('--list takes no directory', EXIT.USAGE);
    return list();
  }
  const t = trustProject(dir ?? '.');
  process.stdout.write(`trusted ${t.root} (.jn: ${plural(t.plugins, 'plugin')}, ${plural(t.profiles, 'profile file')})\n`);
  return EXIT.OK;
}

function list(): number {
  const rows = listTrusted().map((t) => ({ DIRECTORY: t.dir, STATE: t.state === 'env' ? 'trusted (JN_TRUSTED_PATHS)' : t.state, SINCE: t.since ?? '' }));
  process.stdout.write(rows.length ? renderTable('plain', rows) : 'no trusted directories\n');
  return EXIT.OK;
}
