import { afterAll, vi } from 'vitest';

/**
 * Run before every test file (vitest.config.ts `setupFiles`). Test files share a worker process
 * (`isolate: false`), so packages from node_modules are loaded once per worker instead of once per
 * file; what isolation gave each file is given back here:
 * - every module vitest evaluated for earlier files (src/, test/, reference-stack/) is evaluated
 *   again for this one, so no module-level state (caches, registries, `let`s) crosses files;
 * - the environment, the working directory, the umask and the exit code are put back as they were
 *   when the file started, and timers are real again.
 * What stays shared is the state of third-party packages, which nothing of ours sets.
 */
vi.resetModules();

const env = { ...process.env };
const cwd = process.cwd();
const umask = process.umask();
const exitCode = process.exitCode;

afterAll(() => {
  for (const name of Object.keys(process.env)) if (!(name in env)) delete process.env[name];
  Object.assign(process.env, env);
  process.chdir(cwd);
  process.umask(umask);
  process.exitCode = exitCode;
  vi.useRealTimers();
});
