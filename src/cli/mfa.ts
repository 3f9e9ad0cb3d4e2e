import { CredentialsError } from '../errors.js';

/**
 * The MFA code a profile's `mfa_serial` asks for, typed on the terminal (never echoed to stdout,
 * never stored). Without a terminal there is no one to ask: the run stops with a hint.
 */
export function terminalMfaCodeProvider(stdin: NodeJS.ReadStream = process.stdin, stderr: NodeJS.WriteStream = process.stderr) {
  return async (mfaSerial: string): Promise<string> => {
    if (!stdin.isTTY || !stderr.isTTY) {
      throw new CredentialsError(`The profile needs an MFA code for ${mfaSerial}, and there is no terminal to ask for it.`, {
        hint: 'Run topology in a terminal, or get session credentials first (aws sts get-session-token) and export them.',
      });
    }
    const { createInterface } = await import('node:readline/promises');
    const prompt = createInterface({ input: stdin, output: stderr });
    try {
      return (await prompt.question(`topology: MFA code for ${mfaSerial}: `)).trim();
    } finally {
      prompt.close();
    }
  };
}
