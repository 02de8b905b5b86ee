// Add a stage to the pipeline from a key (a search made a stage): the same
// session change as Enter in the editor (useSubmit), the new stage selected
// and run at once.
import type { SessionControl } from './useSession.js';

export function useAddStage(control: SessionControl, onStage: () => void): (text: string) => void {
  return (text) => {
    try {
      const next = control.session.add(text);
      control.commit(next);
      control.setSelected(next.stages.length - 1);
      onStage();
    } catch (err) {
      control.fail(err);
    }
  };
}
