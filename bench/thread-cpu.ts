import { readFileSync } from 'node:fs';

/**
 * CPU time of the calling thread in ms (the main thread, called from JavaScript on it), or
 * undefined where the kernel does not say (not Linux). `process.cpuUsage()` adds up every thread of
 * the process: V8's optimizing compiler and its concurrent collector run on threads of their own,
 * beside the main thread on a second core, so they cost CPU without adding to the time a run
 * takes. This is the part the run waits for. Read from `/proc/thread-self/schedstat`, whose first
 * field is the nanoseconds the thread has spent on a CPU.
 */
export function mainThreadCpuMs(): number | undefined {
  try {
    const nanoseconds = Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
    return Number.isFinite(nanoseconds) ? nanoseconds / 1e6 : undefined;
  } catch {
    return undefined;
  }
}

/** The main thread's CPU since `start` (a `mainThreadCpuMs()` reading), in ms; undefined when there was none. */
export function mainThreadCpuMsSince(start: number | undefined): number | undefined {
  const now = mainThreadCpuMs();
  return start === undefined || now === undefined ? undefined : now - start;
}
