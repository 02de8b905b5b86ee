// Doing a colon command (../commands.ts reads it; ../files.ts does the
// file I/O): an error shows under the editor.
import { doneMessage, parseColonCommand } from '../commands.js';
import { exportScript, loadSessionFile, saveSessionFile } from '../files.js';
import type { SessionControl } from './hooks/useSession.js';
import type { Navigation } from './hooks/usePaging.js';

interface ColonContext {
  control: SessionControl;
  version: string;
  quit(): void;
  toggleHelp(): void;
  setLimit(limit: number): void;
  nav: Navigation;
  /** Run the whole pipeline in the background (:run). */
  runFull(): void;
}

export function runColonCommand(text: string, { control, version, quit, toggleHelp, setLimit, nav, runFull }: ColonContext): void {
  const { session, commit } = control;
  const cmd = parseColonCommand(text);
  try {
    switch (cmd.kind) {
      case 'quit':
        return quit();
      case 'help':
        return toggleHelp();
      case 'export':
        exportScript(cmd.file, session.state, version, new Date(), cmd.force);
        return control.setMessage({ text: doneMessage(cmd) });
      case 'save':
        saveSessionFile(cmd.file, session.state);
        return control.setMessage({ text: doneMessage(cmd) });
      case 'load': {
        const loaded = session.replace(loadSessionFile(cmd.file));
        control.setSelected(loaded.stages.length - 1);
        commit(loaded);
        return control.setMessage({ text: doneMessage(cmd) });
      }
      case 'source':
        return commit(session.setSource(cmd.address));
      case 'limit':
        return setLimit(cmd.limit);
      case 'goto':
        return 'row' in cmd ? nav.goto(cmd.row) : nav.percent(cmd.percent);
      case 'run':
        return runFull();
      case 'undo':
        return control.undo();
      case 'redo':
        return control.redo();
      case 'error':
        return control.setMessage({ text: cmd.message, error: true });
    }
  } catch (err) {
    control.fail(err);
  }
}
