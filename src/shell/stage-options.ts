// The options of each stage command, for completion in the stage editor.
// The shell may not import src/commands (the layering rules), and loading
// every command's module to read its spec would stall the UI; so the names
// are listed here, and test/shell/complete-options.test.ts checks them
// against the specs (and jn filter's against its argument parser), as
// test/commands/specs.test.ts does STAGE_COMMANDS.
export const STAGE_OPTIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ['filter', ['-n', '-s', '-R', '-r', '-j', '-a', '-c', '-S', '-e', '-f', '--null-input', '--slurp', '--raw-input', '--raw-output', '--join-output', '--ascii-output', '--compact-output', '--pretty', '--tab', '--indent', '--sort-keys', '--seq', '--exit-status', '--from-file', '--arg', '--argjson', '--on-error', '--errors']],
  ['head', ['-n', '--lines']],
  ['tail', ['-n', '--lines']],
  ['join', ['--on', '--left-key', '--right-key', '--inner', '--indicator', '--prefix', '--target', '--agg', '--strict']],
  ['merge', ['--no-source', '--fail-fast', '--annotate']],
  ['analyze', ['--table', '--top', '--sample', '--format']],
  ['inspect', ['-n', '--lines', '--json']],
  ['table', ['--tablefmt', '--maxcolwidths', '--floatfmt', '--showindex', '--numalign', '--stralign', '--max-width']],
  // jn edit's and jn sh's options are read by the commands themselves, in order
  ['edit', ['--del', '--append', '--prepend', '--merge']],
  ['sh', ['--raw']],
]);
