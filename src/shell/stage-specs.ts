// The options of the stage commands, for completion in the stage editor.
// The shell may not import src/commands (the layering rules), so the one
// place that knows every command (src/cli.ts) hands it a loader of the
// command specs when `jn shell` starts; the specs are loaded on the first
// completion that needs them. Without a loader (tests of the UI alone) the
// stages have no known options.
import type { CommandSpec } from '../spec.js';

type SpecLoader = () => Promise<readonly CommandSpec[]>;

let loader: SpecLoader | undefined;
let loaded: Promise<ReadonlyMap<string, readonly string[]>> | undefined;

/** Set where the command specs come from (src/cli.ts, for `jn shell`). */
export function setStageSpecLoader(load: SpecLoader): void {
  loader = load;
  loaded = undefined;
}

/** The option names of a spec: from its option flags (`-n, --lines <n>` →
 * `-n`, `--lines`), and, for a command that reads its own options (jn
 * filter), those its arguments' descriptions name. */
function optionNames(spec: CommandSpec): string[] {
  const names = new Set<string>();
  for (const o of spec.options ?? []) for (const m of o.flags.matchAll(/(?:^|[\s,])(--?[A-Za-z][\w-]*)/g)) names.add(m[1]);
  if (spec.ownHelp || spec.allowUnknownOption) {
    for (const a of spec.arguments ?? []) for (const m of a.description.matchAll(/(?:^|\s)(--?[A-Za-z][\w-]*)/g)) names.add(m[1]);
  }
  return [...names];
}

/** Each stage command's option names (empty without a loader). */
export function stageOptions(): Promise<ReadonlyMap<string, readonly string[]>> {
  if (!loaded) {
    const load = loader;
    loaded = load
      ? load().then(
          (specs) => new Map(specs.filter((s) => s.stage).map((s) => [s.name, optionNames(s)])),
          () => new Map(),
        )
      : Promise.resolve(new Map());
  }
  return loaded;
}
