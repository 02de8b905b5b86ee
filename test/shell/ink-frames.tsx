// Records the operations of Ink's Output (ink/build/output.js) while jn
// shell's App draws typical screens over a generated CSV in a 160x40
// terminal, with colours: the table full of rows, the help overlay, the
// record view, a scrolled table. test/shell/ink-output.test.ts replays them
// into Ink's Output and src/shell/ui/ink-output.ts; bench/ink-output.bench.mjs
// times both. Colours: FORCE_COLOR is set before Ink (chalk) is loaded, so
// this module loads Ink and the App itself.
import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, rng, tempDir, waitFor } from '../helpers.ts';

type Transformer = (line: string, index: number) => string;
export type Operation = { type: 'write'; x: number; y: number; text: string; transformers: Transformer[] } | { type: 'clip'; clip: Record<string, number | undefined> } | { type: 'unclip' };
export type Frame = { width: number; height: number; operations: Operation[] };
export type OutputClass = new (o: { width: number; height: number }) => {
  write(x: number, y: number, text: string, o: { transformers: Transformer[] }): void;
  clip(c: Record<string, number | undefined>): void;
  unclip(): void;
  get(): { output: string; height: number };
};

export const inkOutputUrl = pathToFileURL(join(root, 'node_modules', 'ink', 'build', 'output.js')).href;

/** Draws a frame's operations into a new instance of `Out`. */
export function replay(Out: OutputClass, frame: Frame): { output: string; height: number } {
  const out = new Out({ width: frame.width, height: frame.height });
  for (const op of frame.operations) {
    if (op.type === 'write') out.write(op.x, op.y, op.text, { transformers: op.transformers });
    else if (op.type === 'clip') out.clip(op.clip);
    else out.unclip();
  }
  return out.get();
}

class FakeStdout extends EventEmitter {
  columns = 160;
  rows = 40;
  isTTY = true;
  last = '';
  write = (frame: string): boolean => ((this.last = frame), true);
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(data: string): void {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read = (): string | null => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

/** The frames of one session of jn shell's App, named by the screen they
 * drew; then `pages` more, each a page down (rows not drawn before). */
export async function recordFrames(pages = 0): Promise<{ name: string; frame: Frame }[]> {
  process.env.FORCE_COLOR ??= '3';
  const dir = tempDir('jn-ink-frames-');
  process.env.JN_HOME = join(dir, 'home');
  const csv = join(dir, 'd.csv');
  const rand = rng(12);
  const words = ['alpha', 'bravo', '日本', 'émile', 'zulu', 'kilo', 'ünïcode', 'x'];
  const lines = ['id,name,city,qty,price,note'];
  const count = 300 + pages * 30;
  for (let i = 1; i <= count; i++) {
    const w = () => words[Math.floor(rand() * words.length)]!;
    lines.push(`${i},${w()}_${Math.floor(rand() * 100)},${w()},${Math.floor(rand() * 1000)},${(rand() * 1e4).toFixed(2)},${w()} ${w()} ${w()}`);
  }
  writeFileSync(csv, lines.join('\n') + '\n');

  const { default: InkOutput } = (await import(inkOutputUrl)) as { default: { prototype: { get(): unknown } } };
  const { render } = await import('ink');
  const React = await import('react');
  const { App } = await import('../../src/shell/ui/App.tsx');
  const { History } = await import('../../src/shell/history.ts');

  const frames: Frame[] = [];
  const proto = InkOutput.prototype as unknown as { get(this: Frame & { operations: Operation[] }): unknown };
  const original = proto.get;
  proto.get = function (this: Frame & { operations: Operation[] }) {
    frames.push({ width: this.width, height: this.height, operations: [...this.operations] });
    return original.call(this);
  };
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const picked: { name: string; frame: Frame }[] = [];
  const take = async (name: string, pred: (screen: string) => boolean) => {
    await waitFor(() => pred(stdout.last), { what: name, show: () => stdout.last });
    picked.push({ name, frame: frames.at(-1)! });
  };
  const app = render(React.createElement(App, { initial: { source: csv, stages: [] }, limit: count, version: 'test', history: new History(null), onExit: () => {}, debounceMs: 20 }), {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  try {
    await take('table', (s) => new RegExp(`${count} rows · \\d+ ms`).test(s));
    stdin.write('\t');
    await waitFor(() => frames.length > 0);
    stdin.write('\t');
    stdin.write('j');
    stdin.write('j');
    await take('table, cursor moved', (s) => new RegExp(`${count} rows · \\d+ ms`).test(s) && /›\s*3 /.test(s));
    stdin.write('?');
    await take('help', (s) => s.includes('Esc, ? or q: close'));
    stdin.write('\u001b');
    await waitFor(() => !stdout.last.includes('Esc, ? or q: close'), { what: 'help closed', show: () => stdout.last });
    stdin.write('\r');
    await take('record view', (s) => s.includes('Esc back'));
    stdin.write('\u001b');
    await waitFor(() => !stdout.last.includes('Esc back'), { what: 'record view closed', show: () => stdout.last });
    stdin.write(' ');
    await take('table, paged', (s) => /›\s*\d{2} /.test(s));
    for (let p = 1; p <= pages; p++) {
      const before = stdout.last;
      stdin.write(' ');
      await take(`page ${p}`, (s) => s !== before && /rows \d+–\d+/.test(s));
    }
  } finally {
    app.unmount();
    proto.get = original;
  }
  return picked;
}
