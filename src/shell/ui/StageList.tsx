// The pipeline: the source, then each stage with its status (time, or the
// error of a failed stage next to it; `cached` for a stage whose output
// came from the prefix cache; while a stage reads all its input before it
// writes, its progress and how to cancel). The selected stage's output is
// what the table shows. StagesPane is the stage list with its keys.
import { Box, Text } from 'ink';
import type { StageEntry } from '../session.js';
import { displayWidth, truncateToWidth } from '../../kit/width.js';
import { stageWindowStart } from '../layout.js';
import type { StageStatus } from '../preview.js';
import { usePaneInput } from './hooks/usePaneInput.js';
import type { Keys } from './hooks/useKeys.js';
import type { SessionControl } from './hooks/useSession.js';
import type { StageProgress } from './hooks/useStageProgress.js';

interface StageListProps {
  source: string;
  stages: readonly StageEntry[];
  selected: number;
  focused: boolean;
  statuses: readonly StageStatus[];
  width: number;
  running: boolean;
  /** Stage lines that fit (layout.ts stageLines); more stages scroll. */
  maxLines?: number;
  /** The stage reading all its input, and how far it is. */
  progress?: StageProgress;
}

function statusText(st: StageStatus | undefined): { text: string; color?: string } {
  if (!st) return { text: '' };
  if (!st.ok) return { text: `✗ ${st.message ?? 'failed'}`, color: 'red' };
  const ms = st.ms !== undefined ? `${Math.round(st.ms)} ms` : '';
  return { text: st.cached ? ['cached', ms].filter(Boolean).join(' · ') : ms };
}

/** A stage line's text and status fitted to `inner` columns (inside the
 * box): the text is cut first, so that the status keeps 60% of the
 * line; an error cut short says that `E` shows it whole. */
function fitLine(prefix: string, text: string, status: string, failed: boolean, inner: number): { text: string; status: string } {
  const room = inner - displayWidth(prefix) - Math.min(displayWidth(status) + 1, Math.floor(inner * 0.6));
  const t = truncateToWidth(text, Math.max(8, room));
  const left = inner - displayWidth(prefix) - displayWidth(t) - 1;
  if (!failed || displayWidth(status) <= left) return { text: t, status };
  return { text: t, status: `${truncateToWidth(status, Math.max(2, left - 4))} (E)` };
}

export function StageList({ source, stages, selected, focused, statuses, width, running, maxLines = stages.length, progress }: StageListProps) {
  const lines = Math.min(maxLines, stages.length);
  const start = lines < stages.length ? stageWindowStart(Math.max(0, selected), stages.length, lines) : 0;
  const sourceStatus = statuses.filter((s) => s.index === -1).find((s) => !s.ok) ?? statuses.find((s) => s.index === -1);
  const srcStatus = statusText(sourceStatus);
  const src = fitLine('source ', source, srcStatus.text, sourceStatus?.ok === false, width - 4);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={focused ? 'cyan' : 'gray'} width={width} paddingX={1}>
      <Text wrap="truncate">
        <Text color="cyan">source </Text>
        <Text>{src.text}</Text>
        <Text color={srcStatus.color ?? 'gray'}> {src.status}</Text>
      </Text>
      {stages.slice(start, start + lines).map((s, k) => {
        const i = start + k;
        const status = statuses.find((x) => x.index !== -1 && x.id === s.id);
        const reading = progress !== undefined && progress.id === s.id;
        const st = reading ? { text: `${progress.text} · Esc or Ctrl-C cancels`, color: 'yellow' } : statusText(status);
        const isSel = i === selected;
        const prefix = `${isSel ? '›' : ' '}${String(i + 1).padStart(2)}. ${s.enabled ? '' : '(off) '}`;
        // the progress keeps its whole line: the stage's text is cut first
        const line = reading ? { text: truncateToWidth(s.text, Math.max(8, width - 5 - displayWidth(prefix) - displayWidth(st.text))), status: st.text } : fitLine(prefix, s.text, st.text, status?.ok === false, width - 4);
        return (
          <Text key={s.id} wrap="truncate" inverse={isSel && focused} dimColor={!s.enabled}>
            {prefix}
            {line.text}
            <Text color={st.color ?? 'gray'}> {line.status}</Text>
          </Text>
        );
      })}
      {lines < stages.length ? (
        <Text dimColor>
          (stages {start + 1}–{start + lines} of {stages.length}: ↑/↓ scroll)
        </Text>
      ) : null}
      {stages.length === 0 ? <Text dimColor>(no stages yet: type one below and press Enter)</Text> : null}
      {running ? <Text color="yellow">running…</Text> : null}
    </Box>
  );
}

interface StagesPaneProps {
  keys: Keys;
  control: SessionControl;
  statuses: readonly StageStatus[];
  /** The run's error (one that no stage status holds: a source that cannot be opened). */
  runError: string | undefined;
  width: number;
  running: boolean;
  /** Edit stage `index` in the editor. */
  onEdit(index: number): void;
  /** `a`: type a new stage (a pending edit is dropped). */
  onAdd(): void;
  /** `E`: show a failed stage's whole error. */
  onShowError(title: string, message: string): void;
  maxLines: number;
  progress?: StageProgress;
  /** Esc while a stage reads all its input: cancel the run. */
  onCancel?: () => void;
}

/** The failure `E` shows: the selected stage's (or the source's), else the
 * first of the run, as a title and the whole message. */
function failureToShow(stages: readonly StageEntry[], statuses: readonly StageStatus[], selected: number): { title: string; message: string } | undefined {
  const failed = statuses.filter((st) => !st.ok && st.message !== undefined);
  const ofSelected = failed.find((st) => (selected === -1 ? st.index === -1 : st.index !== -1 && st.id === stages[selected]?.id));
  const st = ofSelected ?? failed[0];
  if (!st) return undefined;
  const i = st.index === -1 ? -1 : stages.findIndex((s) => s.id === st.id);
  return { title: i === -1 ? `source: ${st.label}` : `stage ${i + 1}: ${stages[i].text}`, message: st.message! };
}

export function StagesPane({ keys, control, statuses, runError, width, running, onEdit, onAdd, onShowError, maxLines, progress, onCancel }: StagesPaneProps) {
  const { session, commit, setSelected } = control;
  usePaneInput('stages', keys, (input, key) => {
    // Esc cancels a run while a stage reads all its input (else it moves the focus)
    if (key.escape) {
      if (progress && onCancel) onCancel();
      return progress !== undefined && onCancel !== undefined;
    }
    // The latest values, not this render's (see useStateRef).
    const selected = control.selectedRef.current;
    const n = session.state.stages.length;
    if (key.upArrow || input === 'k') setSelected((s) => Math.max(-1, s - 1));
    else if (key.downArrow || input === 'j') setSelected((s) => Math.min(n - 1, s + 1));
    else if ((key.return || input === 'e') && selected >= 0) onEdit(selected);
    else if ((input === 'd' || key.delete || key.backspace) && selected >= 0) {
      commit(session.remove(selected));
      setSelected((s) => Math.min(s, n - 2));
      control.setMessage({ text: `deleted stage ${selected + 1} — u to undo` });
    } else if (input === ' ' && selected >= 0) commit(session.toggle(selected));
    else if (input === 'K' && selected > 0) {
      commit(session.move(selected, -1));
      setSelected(selected - 1);
    } else if (input === 'J' && selected >= 0 && selected < n - 1) {
      commit(session.move(selected, 1));
      setSelected(selected + 1);
    } else if (input === 'u') control.undo();
    else if (input === 'r' || (key.ctrl && input === 'r')) control.redo();
    else if (input === 'a') onAdd();
    else if (input === 'E') {
      const f = failureToShow(session.state.stages, statuses, selected) ?? (runError ? { title: 'the preview failed', message: runError } : undefined);
      if (f) onShowError(f.title, f.message);
      else control.setMessage({ text: 'no stage failed' });
    }
  });
  const { state, selected } = control;
  return <StageList source={state.source} stages={state.stages} selected={selected} focused={keys.focus.focus === 'stages'} statuses={statuses} width={width} running={running} maxLines={maxLines} progress={progress} />;
}
