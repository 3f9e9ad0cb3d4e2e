import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAppCommand } from '../../../../src/sources/template/cdk/app-command.js';

describe("cdk.json's app command", () => {
  it.each([
    ['npx tsx bin/app.ts', 'bin/app.ts'],
    ['npx ts-node --prefer-ts-exts bin/infra.ts', 'bin/infra.ts'],
    ['npx tsc && npx tsx index.ts', 'index.ts'],
    ['node -r ts-node/register "bin/app.ts"', 'bin/app.ts'],
    ['node dist/app.js', 'dist/app.js'],
  ])('%s runs the script %s', (command, script) => {
    expect(parseAppCommand(command, '/apps/shop')).toEqual({ kind: 'script', command, entry: resolve('/apps/shop', script) });
  });

  it.each([
    ['python3 app.py', 'Python'],
    ['.venv/bin/python app.py', 'Python'],
    ['mvn -e -q compile exec:java', 'Java'],
    ['go mod download && go run infra.go', 'Go'],
    ['dotnet run -p src/Infra/Infra.csproj', 'C#'],
  ])('%s is a %s app', (command, language) => {
    expect(parseAppCommand(command, '/apps/shop')).toEqual({ kind: 'other-language', command, language });
  });

  it('anything else is unknown', () => {
    expect(parseAppCommand('make synth', '/apps/shop')).toEqual({ kind: 'unknown', command: 'make synth' });
  });
});
