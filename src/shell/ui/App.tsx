// jn shell: the pipeline builder. State lives here; the pieces it draws are
// small components (StageList, Table, RecordView, Editor). The session model
// (stages, undo/redo, export) is pure and lives in ../session.ts; colon
// commands are read by ../commands.ts, their file I/O is in ../files.ts.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { Session, type SessionState } from '../session.js';
import { stageArgv } from '../stage.js';
import { doneMessage, parseColonCommand } from '../commands.js';
import { exportScript, loadSessionFile, saveSessionFile } from '../files.js';
import { History } from '../history.js';
import { edit, type EditKey, type Line } from '../lineedit.js';
import { runPreview, type PreviewHandle, type PreviewResult } from '../preview.js';
import { scrollTop } from '../layout.js';
import { Editor } from './Editor.js';
import { RecordView, recordLines } from './RecordView.js';
import { StageList } from './StageList.js';
import { Table, tableColumns } from './Table.js';

export type Focus = 'editor' | 'stages' | 'table';

export interface AppProps {
  initial: SessionState;
  limit: number;
  history?: History;
  version: string;
  /** Called with the final state when the user quits. */
  onExit: (state: SessionState) => void;
  /** Typing debounce (ms). */
  debounceMs?: number;
  /** Called when a preview run has ended and is drawn, with the milliseconds
   * since the Enter that caused it and since that Enter until its first rows
   * were drawn (both undefined when no Enter did): for benchmarks. */
  onPreview?: (result: PreviewResult, sinceEnterMs: number | undefined, rowsShownMs: number | undefined) => void;
}

const HELP = [
  'Tab/Esc: move focus (editor → stages → table)   Ctrl-C or :q: quit (prints the pipeline)',
  'editor: Enter adds the stage (or replaces the one being edited); ↑/↓ history; :export FILE, :load FILE, :save FILE, :source ADDR, :limit N, :undo, :redo, :help',
  'stages: ↑/↓ select (the table shows that stage\'s output); Enter/e edit; d delete; space on/off; J/K move down/up; u undo; r redo; a add',
  'table: ↑/↓ row, ←/→ columns, PgUp/PgDn, g/G first/last, Enter or v: record view',
];

/** useState whose latest value is also readable synchronously: keys can
 * arrive faster than React re-renders (typing ahead, pasting, tmux), and a
 * handler must see the effect of the key before it. */
function useStateRef<T>(initial: T | (() => T)): [T, (next: T | ((prev: T) => T)) => void, { readonly current: T }] {
  const [value, setValue] = useState(initial);
  const ref = useRef(value);
  const set = useCallback((next: T | ((prev: T) => T)) => {
    ref.current = typeof next === 'function' ? (next as (prev: T) => T)(ref.current) : next;
    setValue(ref.current);
  }, []);
  return [value, set, ref];
}

export function App({ initial, limit: initialLimit, history, version, onExit, debounceMs = 250, onPreview }: AppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [sessionObject] = useState(() => new Session(initial));
  const session = useRef(sessionObject);
  const [state, setState] = useState<SessionState>(initial);
  const [focus, setFocus, focusRef] = useStateRef<Focus>('editor');
  const [line, setLine, lineRef] = useStateRef<Line>({ text: '', cursor: 0 });
  const [editing, setEditing, editingRef] = useStateRef<number | null>(null);
  const [selected, setSelected, selectedRef] = useStateRef(initial.stages.length - 1);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | undefined>();
  const [preview, setPreview] = useState<PreviewResult | undefined>();
  const [lastGood, setLastGood] = useState<PreviewResult | undefined>();
  const [running, setRunning] = useState(false);
  const [liveRows, setLiveRows] = useState<readonly unknown[] | undefined>();
  const [cursor, setCursor] = useState(0);
  const [top, setTop] = useState(0);
  const [firstColumn, setFirstColumn] = useState(0);
  const [recordView, setRecordView] = useState(false);
  const [recordTop, setRecordTop] = useState(0);
  const [limit, setLimit] = useState(initialLimit);
  const [showHelp, setShowHelp] = useState(false);
  const [size, setSize] = useState({ columns: stdout.columns || 100, rows: stdout.rows || 30 });

  useEffect(() => {
    const onResize = () => setSize({ columns: stdout.columns || 100, rows: stdout.rows || 30 });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);

  const commit = useCallback((next: SessionState) => {
    setState(next);
    setMessage(undefined);
  }, []);

  // What the preview runs: the enabled stages up to the selected one, or,
  // while typing a valid stage, the pipeline with that draft in place.
  const draftArgv = useMemo(() => {
    if (focus !== 'editor' || line.text.trim() === '' || line.text.startsWith(':')) return undefined;
    try {
      return stageArgv(line.text);
    } catch {
      return undefined;
    }
  }, [focus, line.text]);

  const plan = useMemo(() => {
    const stages = state.stages;
    if (draftArgv) {
      const upto = editing ?? stages.length;
      const before = stages.slice(0, upto).filter((s) => s.enabled).map((s) => stageArgv(s.text));
      return { argvs: [...before, draftArgv], draft: true };
    }
    const upto = Math.min(selected, stages.length - 1);
    const argvs = stages.slice(0, upto + 1).filter((s) => s.enabled).map((s) => stageArgv(s.text));
    return { argvs, draft: false };
  }, [state, draftArgv, editing, selected]);
  const planKey = JSON.stringify([state.source, plan.argvs, limit]);

  const handle = useRef<PreviewHandle | undefined>(undefined);
  const immediate = useRef(true);
  // A debounced run waiting to start, and how to start it now (Enter on a
  // stage whose draft is already the pipeline to run must not wait).
  const pending = useRef<{ timer: NodeJS.Timeout; start: () => void } | undefined>(undefined);
  const runPendingNow = () => {
    const p = pending.current;
    if (!p) return;
    clearTimeout(p.timer);
    pending.current = undefined;
    p.start();
  };
  useEffect(() => {
    const start = () => {
      pending.current = undefined;
      handle.current?.cancel();
      setRunning(true);
      setLiveRows(undefined);
      const h = runPreview(state.source, plan.argvs, limit, (rows) => setLiveRows(rows.slice()));
      handle.current = h;
      void h.done.then((result) => {
        if (handle.current !== h) return;
        setRunning(false);
        setLiveRows(undefined);
        setPreview(result);
        if (!result.error) setLastGood(result);
      });
    };
    if (immediate.current || !plan.draft) start();
    else pending.current = { timer: setTimeout(start, debounceMs), start };
    immediate.current = false;
    return () => {
      if (pending.current) clearTimeout(pending.current.timer);
      pending.current = undefined;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [planKey]);
  useEffect(() => () => handle.current?.cancel(), []);

  // Timing for benchmarks: from Enter to the first rows of the new run drawn
  // (live rows or the finished preview), and to the end of the run.
  const enterAt = useRef<number | undefined>(undefined);
  const rowsShownMs = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (enterAt.current !== undefined && rowsShownMs.current === undefined && liveRows && liveRows.length > 0) {
      rowsShownMs.current = performance.now() - enterAt.current;
    }
  }, [liveRows]);
  useEffect(() => {
    if (!preview) return;
    const since = enterAt.current === undefined ? undefined : performance.now() - enterAt.current;
    onPreview?.(preview, since, rowsShownMs.current ?? since);
    enterAt.current = undefined;
    rowsShownMs.current = undefined;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [preview]);

  const failed = preview?.error !== undefined;
  const rows: readonly unknown[] = liveRows ?? (failed ? (lastGood?.rows ?? []) : (preview?.rows ?? []));
  const columns = useMemo(() => tableColumns(rows), [rows]);

  // Layout
  const width = size.columns;
  const stageBoxHeight = state.stages.length + 3 + (running ? 1 : 0) + (state.stages.length === 0 ? 1 : 0);
  const helpHeight = showHelp ? HELP.length : 0;
  const bodyHeight = Math.max(3, size.rows - stageBoxHeight - helpHeight - 5);
  const tableHeight = Math.max(1, bodyHeight - 2);

  const clampCursor = (c: number) => Math.max(0, Math.min(rows.length - 1, c));
  const moveCursor = (c: number) => {
    const next = clampCursor(c);
    setCursor(next);
    setTop((t) => scrollTop(next, t, tableHeight));
    setRecordTop(0);
  };
  useEffect(() => {
    if (cursor >= rows.length && rows.length > 0) moveCursor(rows.length - 1);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows.length]);

  const quit = () => {
    handle.current?.cancel();
    onExit(session.current.state);
    exit();
  };

  const runCommand = (text: string) => {
    const cmd = parseColonCommand(text);
    try {
      switch (cmd.kind) {
        case 'quit':
          return quit();
        case 'help':
          return setShowHelp((v) => !v);
        case 'export':
          exportScript(cmd.file, session.current.state, version);
          return setMessage({ text: doneMessage(cmd) });
        case 'save':
          saveSessionFile(cmd.file, session.current.state);
          return setMessage({ text: doneMessage(cmd) });
        case 'load': {
          const loaded = session.current.replace(loadSessionFile(cmd.file));
          setSelected(loaded.stages.length - 1);
          commit(loaded);
          return setMessage({ text: doneMessage(cmd) });
        }
        case 'source':
          return commit(session.current.setSource(cmd.address));
        case 'limit':
          return setLimit(cmd.limit);
        case 'undo':
          if (session.current.undo()) commit(session.current.state);
          return;
        case 'redo':
          if (session.current.redo()) commit(session.current.state);
          return;
        case 'error':
          return setMessage({ text: cmd.message, error: true });
      }
    } catch (err) {
      setMessage({ text: (err as Error).message, error: true });
    }
  };

  const submit = (entry: string = lineRef.current.text) => {
    const text = entry.trim();
    if (text === '') return;
    enterAt.current = performance.now();
    rowsShownMs.current = undefined;
    history?.add(entry);
    history?.resetNavigation();
    if (text.startsWith(':')) {
      runCommand(text);
      setLine({ text: '', cursor: 0 });
      return;
    }
    try {
      const editIndex = editingRef.current;
      if (editIndex !== null) {
        commit(session.current.edit(editIndex, entry));
        setSelected(editIndex);
        setEditing(null);
      } else {
        const next = session.current.add(entry);
        commit(next);
        setSelected(next.stages.length - 1);
      }
      immediate.current = true;
      runPendingNow();
      setLine({ text: '', cursor: 0 });
    } catch (err) {
      setMessage({ text: (err as Error).message, error: true });
    }
  };

  const cycleFocus = (back: boolean) => {
    const order: Focus[] = ['editor', 'stages', 'table'];
    const i = order.indexOf(focusRef.current);
    setFocus(order[(i + (back ? 2 : 1)) % 3]);
  };

  useInput((input, key) => {
    // Read the latest values, not this render's (see useStateRef).
    const focus = focusRef.current;
    const line = lineRef.current;
    const editing = editingRef.current;
    const selected = selectedRef.current;
    const state = session.current.state;
    if (key.ctrl && input === 'c') return quit();
    if (key.tab || (key.escape && focus !== 'editor')) return cycleFocus(key.shift);
    if (focus === 'editor') {
      if (key.escape) {
        if (editing !== null || line.text) {
          setEditing(null);
          setLine({ text: '', cursor: 0 });
        } else cycleFocus(false);
        return;
      }
      if (key.return) return submit();
      if (key.upArrow || key.downArrow) {
        const h = key.upArrow ? history?.prev(line.text) : history?.next();
        if (h !== undefined) setLine({ text: h, cursor: h.length });
        return;
      }
      let k: EditKey | undefined;
      if (key.leftArrow) k = { type: key.ctrl || key.meta ? 'word-left' : 'left' };
      else if (key.rightArrow) k = { type: key.ctrl || key.meta ? 'word-right' : 'right' };
      else if (key.home || (key.ctrl && input === 'a')) k = { type: 'home' };
      else if (key.end || (key.ctrl && input === 'e')) k = { type: 'end' };
      else if (key.backspace || key.delete) k = { type: 'backspace' };
      else if (key.ctrl && input === 'd') k = { type: 'delete' };
      else if (key.ctrl && input === 'u') k = { type: 'kill-line' };
      else if (key.ctrl && input === 'k') k = { type: 'kill-to-end' };
      else if (key.ctrl && input === 'w') k = { type: 'kill-word' };
      else if (!key.ctrl && !key.meta && input && /[\r\n]/.test(input)) {
        // Typed ahead or pasted: each line end is an Enter.
        const parts = input.split(/\r\n?|\n/);
        let current = line;
        parts.forEach((part, i) => {
          current = edit(current, { type: 'insert', text: part });
          if (i < parts.length - 1) {
            submit(current.text);
            current = { text: '', cursor: 0 };
          }
        });
        setLine(current);
        return;
      } else if (!key.ctrl && !key.meta && input) k = { type: 'insert', text: input };
      if (k) setLine((l) => edit(l, k!));
      return;
    }
    if (focus === 'stages') {
      const n = state.stages.length;
      if (key.upArrow || input === 'k') setSelected((s) => Math.max(-1, s - 1));
      else if (key.downArrow || input === 'j') setSelected((s) => Math.min(n - 1, s + 1));
      else if ((key.return || input === 'e') && selected >= 0) {
        const text = state.stages[selected].text;
        setEditing(selected);
        setLine({ text, cursor: text.length });
        setFocus('editor');
      } else if ((input === 'd' || key.delete || key.backspace) && selected >= 0) {
        commit(session.current.remove(selected));
        setSelected((s) => Math.min(s, n - 2));
      } else if (input === ' ' && selected >= 0) commit(session.current.toggle(selected));
      else if (input === 'K' && selected > 0) {
        commit(session.current.move(selected, -1));
        setSelected(selected - 1);
      } else if (input === 'J' && selected >= 0 && selected < n - 1) {
        commit(session.current.move(selected, 1));
        setSelected(selected + 1);
      } else if (input === 'u') {
        if (session.current.undo()) commit(session.current.state);
      } else if (input === 'r' || (key.ctrl && input === 'r')) {
        if (session.current.redo()) commit(session.current.state);
      } else if (input === 'a') setFocus('editor');
      return;
    }
    // table / record view
    if (key.return || input === 'v') {
      setRecordView((v) => !v);
      setRecordTop(0);
      return;
    }
    if (recordView) {
      const total = rows[cursor] === undefined ? 0 : recordLines(rows[cursor]).length;
      if (key.downArrow || input === 'j') setRecordTop((t) => Math.min(Math.max(0, total - tableHeight), t + 1));
      else if (key.upArrow || input === 'k') setRecordTop((t) => Math.max(0, t - 1));
      else if (key.rightArrow || input === 'l' || input === 'n') moveCursor(cursor + 1);
      else if (key.leftArrow || input === 'h' || input === 'p') moveCursor(cursor - 1);
      return;
    }
    if (key.downArrow || input === 'j') moveCursor(cursor + 1);
    else if (key.upArrow || input === 'k') moveCursor(cursor - 1);
    else if (key.pageDown || input === ' ') moveCursor(cursor + tableHeight);
    else if (key.pageUp) moveCursor(cursor - tableHeight);
    else if (input === 'g' || key.home) moveCursor(0);
    else if (input === 'G' || key.end) moveCursor(rows.length - 1);
    else if (key.rightArrow || input === 'l') setFirstColumn((c) => Math.min(Math.max(0, columns.length - 1), c + 1));
    else if (key.leftArrow || input === 'h') setFirstColumn((c) => Math.max(0, c - 1));
  });

  const statuses = preview?.stages ?? [];
  const shownStages = plan.draft ? '(with the stage being typed)' : selected < state.stages.length - 1 ? `(output of stage ${selected + 1})` : '';
  const status = [
    `${rows.length} row${rows.length === 1 ? '' : 's'}`,
    preview?.limited && !liveRows ? `first ${limit} rows (limit)` : '',
    preview && !running ? `${Math.round(preview.ms)} ms` : '',
    running ? 'running…' : '',
    failed ? 'error: showing the last good output, dimmed' : '',
    shownStages,
  ]
    .filter(Boolean)
    .join(' · ');
  const errorText = failed ? preview!.error!.message : undefined;
  return (
    <Box flexDirection="column" width={width}>
      <StageList source={state.source} stages={state.stages} selected={selected} focused={focus === 'stages'} statuses={statuses} width={width} running={running} />
      <Box flexDirection="column" height={bodyHeight}>
        {recordView && rows[cursor] !== undefined ? (
          <RecordView row={rows[cursor]} height={tableHeight} top={recordTop} index={cursor} />
        ) : (
          <Table rows={rows} width={width} height={tableHeight} cursor={cursor} top={top} firstColumn={firstColumn} dim={failed} focused={focus === 'table'} />
        )}
      </Box>
      {showHelp
        ? HELP.map((h) => (
            <Text key={h} color="gray" wrap="truncate">
              {h}
            </Text>
          ))
        : null}
      <Text color={failed ? 'red' : 'gray'} wrap="truncate">
        {status}
        {errorText ? ` — ${errorText}` : ''}
      </Text>
      <Editor line={line} focused={focus === 'editor'} label={editing !== null ? `edit ${editing + 1}> ` : 'stage> '} width={width} error={message?.error ? message.text : undefined} />
      {message && !message.error ? (
        <Text color="green" wrap="truncate">
          {message.text}
        </Text>
      ) : null}
    </Box>
  );
}
