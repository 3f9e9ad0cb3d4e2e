/**
 * What a long run reports as it goes. The types live here, below every stage, so that sources can
 * report progress without importing the CLI that shows it (`cli/progress.ts`).
 */

/** Progress for humans: written to stderr, and only when stderr is a terminal and not --quiet. */
export interface Progress {
  step(message: string): void;
  /** A long walk begins: its activity is shown (where shown at all) until `done()`. */
  walk?(source: WalkSource): { done(): void };
}

/** What one rate scope (a service in a region) of a live walk has done so far. */
export interface WalkActivity {
  /** `ecs us-east-1`. */
  label: string;
  /** Calls begun: grows as the walk discovers what to ask next. */
  known: number;
  /** Calls answered (or given up on). */
  done: number;
  /** Throttling answers AWS sent. */
  throttled: number;
}

export interface WalkSource {
  activity(): WalkActivity[];
}

export const silentProgress: Progress = { step() {} };
