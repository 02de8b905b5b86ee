// jn shell: the pipeline builder. App only puts the pieces together: the
// session (hooks/useSession, over the pure model in ../session.ts), the
// live preview (hooks/usePreview), and the panes, each with its own keys
// (StagesPane, TablePane, EditorPane; StatusLine). Colon commands are read
// by ../commands.ts and done by colon.ts.
import { useMemo, useState } from 'react';
import { Box, Text, useApp } from 'ink';
import { previewPlan, type SessionState } from '../session.js';
import type { PreviewResult } from '../preview.js';
import type { EarlyRun } from '../early.js';
import type { Page } from './hooks/usePreview.js';
import type { History } from '../history.js';
import { paneHeights, stageLines } from '../layout.js';
import { runColonCommand } from './colon.js';
import { EditorPane } from './Editor.js';
import { StagesPane } from './StageList.js';
import { StatusLine } from './StatusLine.js';
import { HelpOverlay } from './HelpOverlay.js';
import { TablePane } from './TablePane.js';
import { useEditorState } from './hooks/useEditorState.js';
import { useFocusState } from './hooks/useFocusState.js';
import { useInterrupt } from './hooks/useInterrupt.js';
import { useKeys } from './hooks/useKeys.js';
import { useOverlay } from './hooks/useOverlay.js';
import { usePager } from './hooks/usePager.js';
import { usePreviewTimings, type OnPreview } from './hooks/usePreviewTimings.js';
import { useSession } from './hooks/useSession.js';
import { useStdinNote } from './hooks/useStdinNote.js';
import { useSubmit } from './hooks/useSubmit.js';
import { useAddStage } from './hooks/useAddStage.js';
import { useWindowSize } from './hooks/useWindowSize.js';

interface AppProps {
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
  onPreview?: OnPreview;
  /** The first preview run, started before the UI (../early.ts). */
  early?: EarlyRun;
}

export function App({ initial, limit: initialLimit, history, version, onExit, debounceMs = 250, onPreview, early }: AppProps) {
  const { exit } = useApp();
  const size = useWindowSize();
  const focus = useFocusState();
  const control = useSession(initial);
  const editor = useEditorState();
  const [limit, setLimit] = useState(initialLimit);
  const overlay = useOverlay(size.columns, size.rows);
  const { state, selected } = control;
  const entry = focus.focus === 'editor' ? editor.line.text : '';
  const plan = useMemo(() => previewPlan(state, entry, editor.editing, selected), [state, entry, editor.editing, selected]);
  const heightsFor = (running: boolean) => paneHeights(size.rows, state.stages.length, running);
  const pager = usePager(state.source, plan, limit, debounceMs, (running) => heightsFor(running).table, early);
  const { preview } = pager;
  const onEnter = usePreviewTimings(preview, onPreview);
  const stdinNote = useStdinNote(state.source);

  const quit = () => {
    preview.cancel();
    onExit(control.session.state);
    exit();
  };
  const { cancelled, interrupt } = useInterrupt(preview, quit);
  const keys = useKeys(focus, { interrupt, quit, help: overlay.toggleHelp, overlay });
  const runCommand = (text: string) => runColonCommand(text, { control, version, quit, toggleHelp: overlay.toggleHelp, setLimit, nav: pager.nav, runFull: pager.nav.runFull });
  const onAddStage = useAddStage(control, preview.runNow);
  const submit = useSubmit({ control, editor, history, onEnter, onStage: preview.runNow, runCommand });
  // `a` in the stage list: a new stage, whatever edit was pending
  const addStage = () => {
    editor.setEditing(null);
    editor.setLine({ text: '', cursor: 0 });
    focus.set('editor');
  };
  const editStage = (index: number) => {
    const text = control.session.state.stages[index].text;
    editor.setEditing(index);
    editor.setLine({ text, cursor: text.length });
    focus.set('editor');
  };

  // A failed run shows the rows it wrote before it failed; one that wrote
  // none falls back to the last good output, dimmed.
  const fallback = preview.result?.error !== undefined && preview.result.rows.length === 0;
  const page = fallback && preview.lastGood ? pageOf(preview.lastGood) : preview.page;
  const heights = heightsFor(preview.running);
  const shown = plan.draft ? '(with the stage being typed)' : selected < state.stages.length - 1 ? `(output of stage ${selected + 1})` : '';
  const { message } = control;
  // An open box (help, an error) is drawn instead of the panes, which stay
  // mounted (hidden) and keep their place.
  return (
    <Box flexDirection="column" width={size.columns}>
      {overlay.content ? <HelpOverlay overlay={overlay} width={size.columns} rows={size.rows} /> : null}
      <Box flexDirection="column" display={overlay.content ? 'none' : 'flex'}>
        <StagesPane keys={keys} control={control} statuses={preview.result?.stages ?? []} runError={preview.result?.error?.message} width={size.columns} running={preview.running} onEdit={editStage} onAdd={addStage} onShowError={(title, message) => overlay.open({ kind: 'error', title, message })} maxLines={stageLines(size.rows, state.stages.length)} progress={preview.stageProgress} onCancel={() => preview.running && interrupt()} />
        <TablePane keys={keys} page={page} nav={pager.nav} cur={pager.cursor} width={size.columns} height={heights.body} tableHeight={heights.table} dim={fallback && preview.liveRows === undefined && preview.lastGood !== undefined} running={preview.running} control={control} source={state.source} argvs={plan.argvs} onAddStage={onAddStage} />
        <StatusLine preview={preview} position={pager.position} notes={pager.notes} shown={[shown, stdinNote].filter(Boolean).join(' · ')} cancelled={cancelled} />
        <EditorPane keys={keys} editor={editor} history={history} submit={submit} width={size.columns} error={message?.error ? message.text : undefined} rows={page.rows} draft={plan.draft} />
        {message && !message.error ? (
          <Text color="green" wrap="truncate">
            {message.text}
          </Text>
        ) : null}
      </Box>
    </Box>
  );
}

/** The rows of a finished run, as a page (the last good output). */
function pageOf(r: PreviewResult): Page {
  return { run: -1, first: r.first, rows: r.rows, read: r.first + r.rows.length, eof: !r.limited, reading: false };
}
