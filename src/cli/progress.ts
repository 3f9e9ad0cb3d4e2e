/** Progress lines for humans: written to stderr, and only when stderr is a terminal. */
export interface Progress {
  step(message: string): void;
}

export const silentProgress: Progress = { step() {} };

export function stderrProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return silentProgress;
  return {
    step(message: string) {
      stream.write(`topology: ${message}\n`);
    },
  };
}
