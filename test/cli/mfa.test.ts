import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { terminalMfaCodeProvider } from '../../src/cli/mfa.js';

/** The MFA prompt: asked on a terminal only. */
function terminal(isTTY: boolean): { input: NodeJS.ReadStream; output: NodeJS.WriteStream; written: () => string } {
  const input = Object.assign(new PassThrough(), { isTTY }) as unknown as NodeJS.ReadStream;
  const output = Object.assign(new PassThrough(), { isTTY }) as unknown as NodeJS.WriteStream;
  const chunks: Buffer[] = [];
  (output as unknown as PassThrough).on('data', (chunk: Buffer) => chunks.push(chunk));
  return { input, output, written: () => Buffer.concat(chunks).toString('utf8') };
}

describe('terminalMfaCodeProvider', () => {
  it('asks for the code of the device on the terminal and returns what was typed', async () => {
    const { input, output, written } = terminal(true);
    const asked = terminalMfaCodeProvider(input, output)('arn:aws:iam::999999999999:mfa/auditor');
    setTimeout(() => (input as unknown as PassThrough).write(' 123456 \n'), 5);
    await expect(asked).resolves.toBe('123456');
    expect(written()).toContain('topology: MFA code for arn:aws:iam::999999999999:mfa/auditor: ');
  });

  it('stops with a hint when there is no terminal', async () => {
    const { input, output } = terminal(false);
    await expect(terminalMfaCodeProvider(input, output)('arn:aws:iam::999999999999:mfa/auditor')).rejects.toThrow(/needs an MFA code .* no terminal to ask for it/);
  });
});
