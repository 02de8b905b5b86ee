// The model of a `jn shell` session: a source address and a list of stage
// entries, edited one step at a time with undo/redo. States are immutable
// (frozen) values; every change makes a new one.
import { filterSyntaxError } from './filter-syntax.js';
import { stageArgv } from './stage.js';

export interface StageEntry {
  /** Unique within a Session for its whole life; kept by edit/move/toggle. */
  readonly id: number;
  /** The entry as typed (trimmed), e.g. `head 20` or `.x > 10`. */
  readonly text: string;
  readonly enabled: boolean;
}

export interface SessionState {
  readonly source: string;
  readonly stages: readonly StageEntry[];
}

function freezeState(source: string, stages: readonly StageEntry[]): SessionState {
  return Object.freeze({ source, stages: Object.freeze(stages.map((s) => (Object.isFrozen(s) ? s : Object.freeze({ id: s.id, text: s.text, enabled: s.enabled })))) });
}

function argvsOf(stages: readonly StageEntry[]): string[][] {
  return stages.filter((s) => s.enabled).map((s) => stageArgv(s.text));
}

/** The argv (without `jn`) of each enabled stage, in order. */
export function enabledArgvs(state: SessionState): string[][] {
  return argvsOf(state.stages);
}

/** The stages the preview runs; `draft`: the last one is the entry being typed. */
export interface PreviewPlan {
  argvs: string[][];
  /** The session id of each argv's stage (null: a new stage being typed),
   * so that a status lands on its stage whatever is disabled before it. */
  ids: (number | null)[];
  draft: boolean;
}

/** What the preview runs: while `entry` (the text being typed; '' when the
 * editor does not have the focus) is a valid stage (a filter that parses:
 * its syntax error shows in the editor, no process is started for it), the
 * enabled stages before the one being edited (`editing`, or all of them)
 * and then the entry; otherwise the enabled stages up to the `selected`
 * one. */
export function previewPlan(state: SessionState, entry: string, editing: number | null, selected: number): PreviewPlan {
  const stages = state.stages;
  let draft: string[] | undefined;
  if (entry.trim() !== '' && !entry.startsWith(':') && !filterSyntaxError(entry)) {
    try {
      draft = stageArgv(entry);
    } catch {
      draft = undefined;
    }
    // `sh COMMAND` runs a command: never a half-typed one (`sh rm -rf /tmp/x`
    // passes through `sh rm -rf /`); it runs once Enter adds it.
    if (draft?.[0] === 'sh') draft = undefined;
  }
  const enabledIds = (upTo: number) => stages.slice(0, upTo).filter((s) => s.enabled).map((s) => s.id);
  if (draft) {
    const upTo = editing ?? stages.length;
    return { argvs: [...argvsOf(stages.slice(0, upTo)), draft], ids: [...enabledIds(upTo), editing === null ? null : stages[editing].id], draft: true };
  }
  const upTo = Math.min(selected, stages.length - 1) + 1;
  return { argvs: argvsOf(stages.slice(0, upTo)), ids: enabledIds(upTo), draft: false };
}

/** The index of the stage with this id, or -1. */
export function stageIndexOfId(state: SessionState, id: number): number {
  return state.stages.findIndex((s) => s.id === id);
}

export class Session {
  #state: SessionState;
  #undo: SessionState[] = [];
  #redo: SessionState[] = [];
  #nextId: number;

  /** Stage texts are validated (StageSyntaxError). Ids are kept when they
   * are unique integers, else all stages get fresh ones. */
  constructor(initial: SessionState) {
    for (const s of initial.stages) stageArgv(s.text);
    const ids = initial.stages.map((s) => s.id);
    const usable = ids.every((id) => Number.isSafeInteger(id)) && new Set(ids).size === ids.length;
    this.#nextId = usable ? Math.max(0, ...ids) + 1 : 1;
    const stages = usable ? initial.stages : initial.stages.map((s) => ({ ...s, id: this.#nextId++ }));
    this.#state = freezeState(initial.source, stages);
  }

  get state(): SessionState {
    return this.#state;
  }
  get canUndo(): boolean {
    return this.#undo.length > 0;
  }
  get canRedo(): boolean {
    return this.#redo.length > 0;
  }

  #commit(next: SessionState): SessionState {
    this.#undo.push(this.#state);
    this.#redo = [];
    this.#state = next;
    return next;
  }

  #check(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.#state.stages.length) {
      throw new RangeError(`no stage at index ${index} (there are ${this.#state.stages.length})`);
    }
  }

  /** Add a stage (at the end, or before index `at`, clamped). Throws
   * StageSyntaxError for a bad entry and changes nothing. */
  add(text: string, at?: number): SessionState {
    stageArgv(text);
    const stages = [...this.#state.stages];
    const pos = at === undefined ? stages.length : Math.max(0, Math.min(stages.length, Math.trunc(at)));
    stages.splice(pos, 0, { id: this.#nextId++, text: text.trim(), enabled: true });
    return this.#commit(freezeState(this.#state.source, stages));
  }

  /** Replace a stage's text; keeps its id and enabled flag. The same text
   * again is a no-op (no undo step). */
  edit(index: number, text: string): SessionState {
    this.#check(index);
    stageArgv(text);
    const old = this.#state.stages[index];
    const trimmed = text.trim();
    if (old.text === trimmed) return this.#state;
    const stages = [...this.#state.stages];
    stages[index] = { id: old.id, text: trimmed, enabled: old.enabled };
    return this.#commit(freezeState(this.#state.source, stages));
  }

  remove(index: number): SessionState {
    this.#check(index);
    const stages = [...this.#state.stages];
    stages.splice(index, 1);
    return this.#commit(freezeState(this.#state.source, stages));
  }

  /** Move a stage by `delta` places (negative: earlier), clamped to the
   * ends. A move that changes nothing records no undo step. */
  move(index: number, delta: number): SessionState {
    this.#check(index);
    const to = Math.max(0, Math.min(this.#state.stages.length - 1, index + Math.trunc(delta)));
    if (to === index) return this.#state;
    const stages = [...this.#state.stages];
    const [s] = stages.splice(index, 1);
    stages.splice(to, 0, s);
    return this.#commit(freezeState(this.#state.source, stages));
  }

  /** Enable a disabled stage or disable an enabled one. */
  toggle(index: number): SessionState {
    this.#check(index);
    const stages = [...this.#state.stages];
    const s = stages[index];
    stages[index] = { id: s.id, text: s.text, enabled: !s.enabled };
    return this.#commit(freezeState(this.#state.source, stages));
  }

  /** Set the source address (trimmed; must not be empty). The same source
   * again is a no-op. */
  setSource(address: string): SessionState {
    const source = address.trim();
    if (source === '') throw new Error('the source address is empty');
    if (source === this.#state.source) return this.#state;
    return this.#commit(freezeState(source, this.#state.stages));
  }

  /** Replace the whole state (e.g. a loaded session) as one undoable step.
   * Stage texts are validated; stages get fresh ids. */
  replace(next: SessionState): SessionState {
    for (const s of next.stages) stageArgv(s.text);
    return this.#commit(freezeState(next.source, next.stages.map((s) => ({ id: this.#nextId++, text: s.text, enabled: s.enabled }))));
  }

  undo(): boolean {
    const prev = this.#undo.pop();
    if (!prev) return false;
    this.#redo.push(this.#state);
    this.#state = prev;
    return true;
  }

  redo(): boolean {
    const next = this.#redo.pop();
    if (!next) return false;
    this.#undo.push(this.#state);
    this.#state = next;
    return true;
  }
}
