// The jn command line. Each sub-command's code is loaded only when that
// sub-command runs (the bundle is code-split), so `jn cat` never loads what
// `jn shell` needs.
const VERSION = '0.1.0';

/** `jn head` / `jn tail` with a plain count are the most frequent stages
 * (every shell preview of a head stage starts one), and their start-up is
 * what the user waits for: they skip loading commander. Anything else —
 * other spellings, bad counts, --help — goes through commander below. */
function plainCount(args: string[]): number | undefined {
  if (args.length === 0) return 10;
  if (args.length === 1 && /^\d+$/.test(args[0])) return Number(args[0]);
  if (args.length === 1 && /^--lines=\d+$/.test(args[0])) return Number(args[0].slice(8));
  if (args.length === 2 && (args[0] === '-n' || args[0] === '--lines') && /^\d+$/.test(args[1])) return Number(args[1]);
  return undefined;
}
{
  const [cmd, ...rest] = process.argv.slice(2);
  const n = cmd === 'head' || cmd === 'tail' ? plainCount(rest) : undefined;
  if (n !== undefined) process.exit(cmd === 'head' ? (await import('./commands/head.js')).head(n) : (await import('./commands/tail.js')).tail(n));
}

const { Command, CommanderError, InvalidArgumentError, Option } = await import('commander');

type Action = () => Promise<number> | number;

async function exec(name: string, action: Action): Promise<never> {
  let code: number;
  try {
    code = await action();
  } catch (err) {
    const { JnError, EXIT } = await import('./kit/exit.js');
    if (err instanceof JnError) {
      process.stderr.write(`jn: ${name}: ${err.message}\n`);
      code = err.exitCode;
    } else {
      const e = err as Error;
      process.stderr.write(`jn: ${name}: ${e?.message ?? String(err)}\n`);
      if (process.env.JN_DEBUG && e?.stack) process.stderr.write(e.stack + '\n');
      code = EXIT.GENERAL;
    }
  }
  process.exit(code);
}

function seconds(value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value)) throw new InvalidArgumentError('expected a number of seconds');
  return Number(value);
}

function count(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a non-negative integer');
  return Number(value);
}

const program = new Command('jn')
  .description('Streaming data tool: NDJSON through Unix pipes, one process per stage.')
  .version(VERSION, '-V, --version')
  .showSuggestionAfterError()
  .exitOverride()
  .configureOutput({ outputError: (s, write) => write(s) });

program
  .command('cat')
  .description('Read addresses (files, globs, URLs, @profiles, databases, - for stdin) and write NDJSON to stdout, in order.')
  .argument('[address...]', 'data.csv, data.json.gz, data.txt~csv, "logs/**/*.jsonl", data.csv?delimiter=;, https://host/x.csv, @ns/name?param=v, db.sqlite?table=t, -', [])
  .option('-H, --header <header>', "request header for URLs, 'Name: value' (repeatable)", (v: string, prev: string[] = []) => [...prev, v])
  .option('--timeout <seconds>', 'URLs: seconds allowed to connect and get the response, and between two chunks of the body (default 30; 0 = none)', seconds)
  .allowUnknownOption() // so that `-~csv` (stdin as CSV) is an address, not an option
  .addHelpText('after', '\nAddresses: [protocol://]path[~format][?name=value&...]; see docs/guide.md and docs/sources.md.')
  .action((addresses: string[], opts: { header?: string[]; timeout?: number }) => exec('cat', async () => (await import('./commands/cat.js')).cat(addresses, opts)));

program
  .command('put')
  .description('Write NDJSON from stdin to an address in its format (atomically: temp file, then rename).')
  .argument('<address>', 'out.csv, out.json, out.csv.gz, -~table, -~csv, out.txt~csv')
  .allowUnknownOption() // so that `-~table` is an address, not an option
  .action((address: string) => exec('put', async () => (await import('./commands/put.js')).put(address)));

program
  .command('head')
  .description('Pass the first N records (default 10), then stop so upstream ends at once.')
  .argument('[n]', 'number of records (same as -n)', count)
  .option('-n, --lines <n>', 'number of records', count)
  .action((n: number | undefined, opts: { lines?: number }) =>
    exec('head', async () => (await import('./commands/head.js')).head(opts.lines ?? n ?? 10)),
  );

program
  .command('tail')
  .description('Pass the last N records (default 10); keeps only N records in memory.')
  .argument('[n]', 'number of records (same as -n)', count)
  .option('-n, --lines <n>', 'number of records', count)
  .action((n: number | undefined, opts: { lines?: number }) =>
    exec('tail', async () => (await import('./commands/tail.js')).tail(opts.lines ?? n ?? 10)),
  );

program
  .command('filter')
  .description("Run a jq program on each NDJSON record of stdin (jq 1.7 language plus jn's extras); see docs/filter.md.")
  .argument('[args...]', "EXPR, then jq's options: -n -s -r -j -c --pretty -e --arg NAME V --argjson NAME JSON")
  .allowUnknownOption()
  .helpOption(false)
  .action((args: string[]) => exec('filter', async () => (await import('./commands/filter.js')).filterMain(args)));

program
  .command('join')
  .description('Hash join: stdin (left) streams through SOURCE (right), which is held in memory: O(right side).')
  .argument('<source>', 'the right side: any address (customers.csv, lookup.json.gz, ...)')
  .option('--on <fields>', 'key field(s) with the same name on both sides; "a,b" for a composite key')
  .option('--left-key <fields>', 'key field(s) of the left side (with --right-key)')
  .option('--right-key <fields>', 'key field(s) of the right side (with --left-key)')
  .option('--inner', 'drop left records that have no match (default: left join, unmatched records pass unchanged)')
  .option('--indicator <name>', 'add field NAME: true when the left record matched, else false')
  .option('--prefix <p>', 'flat output: name the right fields P+name (default: right fields are added, left wins a name clash)')
  .option('--target <name>', 'one output per left record, with all matches as an array in field NAME')
  .option('--agg <spec>', 'one output per left record with aggregates over its matches, e.g. "n: count(), total: sum(.amount)"')
  .addHelpText('after', '\nMemory: the right side is loaded into a hash map (warns past join.warn_rows records); the left side streams.\nRecords whose key is missing or null never match. Keys compare by JSON value: 1 and "1" differ.')
  .action((source: string, opts) => exec('join', async () => (await import('./commands/join.js')).join(source, opts)));

program
  .command('merge')
  .description('Concatenate sources in order, each streaming; optionally tag records with _source/_label.')
  .argument('<address...>', 'addresses or globs; ADDR:label=NAME tags its records with _label')
  .option('--annotate <what>', '"source": add _source (the address) to every record')
  .addHelpText('after', '\nRule: with --annotate=source or any :label=, every record gets _source, and records of a labelled address get _label.')
  .action((addresses: string[], opts) => exec('merge', async () => (await import('./commands/merge.js')).merge(addresses, opts)));

program
  .command('inspect')
  .description('With addresses: the plugin chain each resolves to (reads no data). Without: the schema of a sample of stdin.')
  .argument('[address...]', 'addresses to resolve')
  .option('-n, --lines <n>', 'records to sample from stdin (default 1000)', count)
  .option('--json', 'machine-readable output')
  .action((addresses: string[], opts: { lines?: number; json?: boolean }) =>
    exec('inspect', async () => {
      const m = await import('./commands/inspect.js');
      return addresses.length ? m.inspectChain(addresses, opts) : m.inspectSample({ n: opts.lines, json: opts.json });
    }),
  );

program
  .command('analyze')
  .description('Statistics over all of stdin in memory bounded by the number of fields: types, missing/null, min/max/mean/stddev, lengths, ~distinct, top values.')
  .option('--table', 'a readable report instead of JSON')
  .option('--top <k>', 'most frequent values to list per field (default 5)', count)
  .action((opts: { table?: boolean; top?: number }) => exec('analyze', async () => (await import('./commands/analyze.js')).analyze(opts)));

program
  .command('table')
  .description('Print NDJSON from stdin as a text table (streams in blocks).')
  .option('--tablefmt <fmt>', 'grid | github | simple | plain (default simple, or table.tablefmt in .jnrc)')
  .option('--max-width <n>', 'truncate cells wider than N columns with …', count)
  .option('--block <n>', 'records laid out together (default 1000)', count)
  .action((opts: { tablefmt?: string; maxWidth?: number; block?: number }) => exec('table', async () => (await import('./commands/table.js')).table(opts)));

program
  .command('shell')
  .description('Build a pipeline interactively over real data, with a live preview; prints the pipeline on exit.')
  .argument('[address]', 'the source to open (any address)')
  .option('--load <file>', 're-open a script exported with :export, or a session saved with :save')
  .option('--limit <n>', 'rows in the preview (default 500, or shell.limit in .jnrc)', count)
  .addHelpText('after', '\nKeys: see docs/shell.md, or type :help in the shell.')
  .action((address: string | undefined, opts: { load?: string; limit?: number }) =>
    exec('shell', async () => {
      // Ink draws nothing but the last frame when it thinks it runs in CI
      // (is-in-ci reads CI at load time); jn shell is interactive wherever
      // it runs, so it opts out before Ink is loaded.
      for (const key of ['CI', 'CONTINUOUS_INTEGRATION']) if (process.env[key] !== undefined) process.env[key] = 'false';
      return (await import('./commands/shell.js')).shell(address, opts, VERSION);
    }),
  );

const plugin = program.command('plugin').description('List plugins and show why one is chosen.');
plugin
  .command('list')
  .description('Every plugin found (project .jn/plugins, $JN_HOME/plugins, bundled), in priority order.')
  .addOption(new Option('--json', 'one JSON object per plugin'))
  .action((opts: { json?: boolean }) => exec('plugin', async () => (await import('./commands/plugin.js')).pluginList(opts)));
plugin
  .command('info')
  .description("A plugin's metadata, path, level and what it shadows.")
  .argument('<name>')
  .action((name: string) => exec('plugin', async () => (await import('./commands/plugin.js')).pluginInfo(name)));

const profile = program.command('profile').description('List profiles (named sources: @namespace/name) and show what one resolves to.');
profile
  .command('list')
  .description('Every profile found (project .jn/profiles, $JN_HOME/profiles, bundled), in priority order.')
  .option('--type <type>', 'only profiles of this type (http, sqlite, duckdb, ...)')
  .option('--json', 'one JSON object per profile')
  .action((opts: { type?: string; json?: boolean }) => exec('profile', async () => (await import('./commands/profile.js')).profileList(opts)));
profile
  .command('info')
  .description('A profile merged with the _meta files it inherits, its params, and its files; secrets masked.')
  .argument('<ref>', '@namespace/name')
  .option('--json', 'one JSON object')
  .action((ref: string, opts: { json?: boolean }) => exec('profile', async () => (await import('./commands/profile.js')).profileInfoCommand(ref, opts)));

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    const ok = err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help';
    process.exit(ok ? 0 : 2);
  }
  throw err;
}
