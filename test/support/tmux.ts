// A real terminal for jn shell tests: a tmux session per test file, a `jn`
// on PATH, send-keys to type and capture-pane to read the screen. Each
// start() gets a tmux server of its own (-L socket): test files run in
// parallel, and a server shared by all, or reused after its session ended,
// exits under whoever has just asked it for a new session ("no server
// running", "server exited unexpectedly").
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { jnBin, waitFor as poll } from '../helpers.ts';

export interface Terminal {
  /** PATH with the test's `jn` first, and JN_HOME in the test dir. */
  env: NodeJS.ProcessEnv;
  /** Directory holding the `jn` wrapper. */
  bin: string;
  tmux(...args: string[]): string;
  /** The screen as text (`styled`: with SGR escapes, capture-pane -e). */
  screen(styled?: boolean): string;
  keys(...k: string[]): void;
  /** The screen once `pred` holds for it and it is drawn (two captures in a
   * row the same; polled with a deadline: 20 s by default, for a machine
   * that runs every test file at once). */
  waitFor(pred: (s: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  /** Start `command` (sh text, run in `dir` with `jn` on PATH) in a new
   * session of `cols`×`rows`, ending the session before if any. */
  start(command: string, cols?: number, rows?: number): void;
  /** Resize the terminal. */
  resize(cols: number, rows: number): void;
  /** End the session and its server (for after()). */
  kill(): void;
}

export function terminal(dir: string, name: string): Terminal {
  const session = `jn-${name}-${process.pid}`;
  const env = { ...process.env, JN_HOME: join(dir, 'home') };
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'jn'), `#!/bin/sh\nexec "${process.execPath}" "${jnBin}" "$@"\n`, { mode: 0o755 });
  let starts = 0;
  let socket = ['-L', `${session}-0`];
  const tmux = (...args: string[]) => execFileSync('tmux', [...socket, ...args], { encoding: 'utf8', env });
  const screen = (styled = false) => (styled ? tmux('capture-pane', '-p', '-e', '-t', session) : tmux('capture-pane', '-p', '-t', session));
  const kill = () => void spawnSync('tmux', [...socket, 'kill-server'], { env });
  return {
    env: { ...env, PATH: `${bin}:${process.env.PATH}` },
    bin,
    tmux,
    screen,
    keys: (...k) => void tmux('send-keys', '-t', session, ...k),
    waitFor: (pred, what, timeoutMs = 20_000) =>
      poll(
        () => {
          const s = screen();
          // a frame caught while the terminal is still drawing it is not
          // the screen: it holds once a second capture is the same
          return pred(s) && screen() === s && s;
        },
        { what, timeoutMs, intervalMs: 50, show: () => screen() },
      ),
    start(command, cols = 160, rows = 40) {
      kill();
      socket = ['-L', `${session}-${++starts}`];
      tmux('new-session', '-d', '-s', session, '-x', String(cols), '-y', String(rows), `cd '${dir}' && PATH='${bin}':"$PATH" ${command}`);
    },
    resize: (cols, rows) => void tmux('resize-window', '-t', session, '-x', String(cols), '-y', String(rows)),
    kill,
  };
}
