// The stage commands' options that the editor completes (src/shell/
// stage-options.ts) are those of their specs, and jn filter's are those its
// argument parser takes.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseArgs } from '../../src/filter/cli/args.ts';
import { STAGE_OPTIONS } from '../../src/shell/stage-options.ts';
import { STAGE_COMMANDS } from '../../src/shell/stage.ts';
import type { CommandModule, CommandSpec } from '../../src/spec.ts';
import { root } from '../helpers.ts';

/** `-n, --lines <n>` → -n, --lines; for a command that reads its own
 * options (jn filter), also those its arguments' description names. */
function optionNames(spec: CommandSpec): string[] {
  const names = new Set<string>();
  for (const o of spec.options ?? []) for (const m of o.flags.matchAll(/(?:^|[\s,])(--?[A-Za-z][\w-]*)/g)) names.add(m[1]);
  if (spec.ownHelp || spec.allowUnknownOption) for (const a of spec.arguments ?? []) for (const m of a.description.matchAll(/(?:^|\s)(--?[A-Za-z][\w-]*)/g)) names.add(m[1]);
  return [...names];
}

const spec = async (name: string): Promise<CommandSpec> => ((await import(join(root, 'src', 'commands', `${name}.ts`))) as CommandModule).spec;

describe('STAGE_OPTIONS', () => {
  it('has every stage command', () => {
    assert.deepEqual([...STAGE_OPTIONS.keys()].sort(), [...STAGE_COMMANDS].sort());
  });
  it("lists exactly the options of each command's spec", async () => {
    for (const name of STAGE_COMMANDS.filter((n) => n !== 'filter')) {
      assert.deepEqual([...STAGE_OPTIONS.get(name)!].sort(), optionNames(await spec(name)).sort(), name);
    }
  });
  it("jn filter: every option its help names, and each one known to its parser", async () => {
    const listed = STAGE_OPTIONS.get('filter')!;
    for (const o of optionNames(await spec('filter'))) assert.ok(listed.includes(o), o);
    for (const o of listed) {
      try {
        parseArgs([o, '1', '2', '.']);
      } catch (err) {
        assert.doesNotMatch((err as Error).message, /unknown option/, o);
      }
    }
    // and the check can fail
    assert.throws(() => parseArgs(['--no-such-option', '.']), /unknown option/);
  });
});
