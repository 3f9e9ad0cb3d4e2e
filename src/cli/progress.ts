import { createRequire } from 'node:module';
import type { MultiBar, SingleBar } from 'cli-progress';

import { silentProgress, type Progress, type WalkSource } from '../model/progress.js';

export { silentProgress, type Progress, type WalkActivity, type WalkSource } from '../model/progress.js';

/** How often the bars are refreshed from the walk's counters. */
const REFRESH_MS = 250;
/**
 * cli-progress, loaded when a walk first shows its bars: a run without a walk on a terminal
 * (`--help`, `--from`, a pipe) never pays for its modules.
 */
const loadCliProgress = (): typeof import('cli-progress') => createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');

const FORMAT = ' {label} [{bar}] {value}/{total} calls | {throttled} throttled | {duration_formatted} | eta {eta_formatted}';

export function stderrProgress(stream: NodeJS.WriteStream = process.stderr, options: { quiet?: boolean } = {}): Progress {
  if (!stream.isTTY || options.quiet) return silentProgress;
  let bars: MultiBar | undefined;
  return {
    step(message: string) {
      if (bars) bars.log(`topology: ${message}\n`);
      else stream.write(`topology: ${message}\n`);
    },
    walk(source: WalkSource) {
      const { MultiBar, Presets } = loadCliProgress();
      const multi = new MultiBar(
        { stream, format: FORMAT, hideCursor: true, clearOnComplete: false, stopOnComplete: false, etaBuffer: 40, autopadding: true, barsize: 16 },
        Presets.shades_classic,
      );
      bars = multi;
      const shown = new Map<string, SingleBar>();
      const refresh = () => {
        for (const activity of source.activity()) {
          const payload = { label: activity.label.padEnd(16), throttled: activity.throttled };
          const bar = shown.get(activity.label);
          if (bar === undefined) shown.set(activity.label, multi.create(Math.max(1, activity.known), activity.done, payload));
          else {
            bar.setTotal(Math.max(1, activity.known));
            bar.update(activity.done, payload);
          }
        }
      };
      const timer = setInterval(refresh, REFRESH_MS);
      timer.unref();
      return {
        done() {
          clearInterval(timer);
          refresh();
          multi.stop();
          bars = undefined;
        },
      };
    },
  };
}
