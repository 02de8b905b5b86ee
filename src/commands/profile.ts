// jn profile list | info @ns/name — which profiles exist, and what one
// resolves to: its files, its params, and the merged configuration with
// every secret masked (see docs/profiles.md).
import { profileInfoText, profileListText } from '../sources/profiles/show.js';
import { EXIT } from '../kit/exit.js';
import type { CommandSpec, Invocation } from '../spec.js';

export const spec: CommandSpec = {
  name: 'profile',
  description: 'List profiles (named sources: @namespace/name) and show what one resolves to.',
  subcommands: [
    {
      name: 'list',
      description: 'Every profile found (project .jn/profiles, $JN_HOME/profiles, bundled), in priority order.',
      options: [
        { flags: '--type <type>', description: 'only profiles of this type (http, sqlite, duckdb, ...)' },
        { flags: '--json', description: 'one JSON object per profile' },
      ],
    },
    {
      name: 'info',
      description: 'A profile merged with the _meta files it inherits, its params, and its files; secrets masked.',
      arguments: [{ name: '<ref>', description: '@namespace/name' }],
      options: [{ flags: '--json', description: 'one JSON object' }],
    },
  ],
};

export function run({ args, opts, subcommand }: Invocation): number {
  return subcommand === 'info' ? profileInfoCommand(args[0] as string, opts as { json?: boolean }) : profileList(opts as { type?: string; json?: boolean });
}

function profileList(opts: { type?: string; json?: boolean }): number {
  process.stdout.write(profileListText(opts.type, opts.json === true));
  return EXIT.OK;
}

function profileInfoCommand(ref: string, opts: { json?: boolean }): number {
  process.stdout.write(profileInfoText(ref, opts.json === true));
  return EXIT.OK;
}
