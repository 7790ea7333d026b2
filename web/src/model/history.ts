/**
 * Undo and redo by snapshots: the editor pushes each new state (states are immutable, so a
 * snapshot is just a reference) and steps back and forth through them.
 */

/** How a {@link History} is set up. */
export interface HistoryOptions {
  /** The most undo steps kept (default 200, at least 1); the oldest are dropped beyond it. */
  readonly limit?: number;
}

/** How a state is pushed. */
export interface PushOptions {
  /**
   * A key naming a continuing gesture (for example "drag-17"): when it equals the key of the
   * push just before, the new state replaces that one instead of adding a step, so a whole drag
   * is undone at once. Use a new key for each gesture.
   */
  readonly coalesce?: string;
}

/** The default number of undo steps kept. */
export const DEFAULT_HISTORY_LIMIT = 200;

/** Snapshots of a state with a position among them; see the module comment. */
export class History<T> {
  private states: T[];
  private index = 0;
  private lastKey: string | undefined;
  private readonly limit: number;

  /** Starts with `initial` as the current state and nothing to undo. */
  constructor(initial: T, options: HistoryOptions = {}) {
    this.states = [initial];
    this.limit = Math.max(1, Math.floor(options.limit ?? DEFAULT_HISTORY_LIMIT));
  }

  /** The state now shown. */
  get current(): T {
    return this.states[this.index] as T;
  }

  /** Whether {@link undo} would change the state. */
  get canUndo(): boolean {
    return this.index > 0;
  }

  /** Whether {@link redo} would change the state. */
  get canRedo(): boolean {
    return this.index < this.states.length - 1;
  }

  /**
   * Makes `state` the current state, as one undo step (or merged into the previous push when its
   * coalescing key matches). Anything that could have been redone is dropped.
   */
  push(state: T, options: PushOptions = {}): void {
    this.states.length = this.index + 1;
    const key = options.coalesce;
    if (key !== undefined && key === this.lastKey) {
      this.states[this.index] = state;
      return;
    }
    this.states.push(state);
    this.index++;
    this.lastKey = key;
    const excess = this.states.length - 1 - this.limit;
    if (excess > 0) {
      this.states.splice(0, excess);
      this.index -= excess;
    }
  }

  /** Ends the current gesture: the next push adds a step even if it repeats the last key. */
  seal(): void {
    this.lastKey = undefined;
  }

  /** Steps back one state and returns it; undefined (and no change) when there is nothing to undo. */
  undo(): T | undefined {
    if (!this.canUndo) return undefined;
    this.index--;
    this.lastKey = undefined;
    return this.current;
  }

  /** Steps forward one state and returns it; undefined (and no change) when there is nothing to redo. */
  redo(): T | undefined {
    if (!this.canRedo) return undefined;
    this.index++;
    this.lastKey = undefined;
    return this.current;
  }

  /** Forgets every step and starts again from `state` (for example after opening a file). */
  reset(state: T): void {
    this.states = [state];
    this.index = 0;
    this.lastKey = undefined;
  }
}
