/** Undo/redo stacks of model commands (see $lib/db/commands). Runes state so buttons update. */
import { describeCommand, type Command } from '$lib/db/commands';

/** Oldest entries are dropped beyond this many steps. */
export const HISTORY_LIMIT = 500;

export class History {
  undoStack = $state.raw<Command[]>([]);
  redoStack = $state.raw<Command[]>([]);
  canUndo = $derived(this.undoStack.length > 0);
  canRedo = $derived(this.redoStack.length > 0);
  undoLabel = $derived(this.undoStack.length ? describeCommand(this.undoStack[this.undoStack.length - 1]) : '');
  redoLabel = $derived(this.redoStack.length ? describeCommand(this.redoStack[this.redoStack.length - 1]) : '');

  /** A new edit: becomes undoable and clears the redo branch. */
  record(c: Command) {
    const next = [...this.undoStack, c];
    this.undoStack = next.length > HISTORY_LIMIT ? next.slice(next.length - HISTORY_LIMIT) : next;
    this.redoStack = [];
  }

  /** Pops the last edit; the caller applies its inverse. */
  takeUndo(): Command | undefined {
    const c = this.undoStack[this.undoStack.length - 1];
    if (!c) return undefined;
    this.undoStack = this.undoStack.slice(0, -1);
    this.redoStack = [...this.redoStack, c];
    return c;
  }

  /** Pops the last undone edit; the caller applies it again. */
  takeRedo(): Command | undefined {
    const c = this.redoStack[this.redoStack.length - 1];
    if (!c) return undefined;
    this.redoStack = this.redoStack.slice(0, -1);
    this.undoStack = [...this.undoStack, c];
    return c;
  }

  clear() {
    this.undoStack = [];
    this.redoStack = [];
  }
}
