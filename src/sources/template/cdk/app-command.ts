import { resolve } from 'node:path';

/** What cdk.json's `app` command runs, as far as synthesizing it matters. */
export type AppCommand =
  | { kind: 'script'; command: string; entry: string }
  | { kind: 'other-language'; command: string; language: string }
  | { kind: 'unknown'; command: string };

/** The first word of an app command → the language of apps `cdk init` lays out that way. */
const LANGUAGE_BY_PROGRAM: [RegExp, string][] = [
  [/^(?:\S*\/)?(?:python\d*(?:\.\d+)?|py|pipenv|poetry|uv)$/, 'Python'],
  [/^(?:\S*\/)?(?:mvn|java|gradle|gradlew)$/, 'Java'],
  [/^go$/, 'Go'],
  [/^dotnet$/, 'C#'],
];

const SCRIPT = /\.(?:[cm]?[jt]s|tsx)$/;

/**
 * `npx tsx bin/app.ts`, `npx ts-node --prefer-ts-exts bin/app.ts`, `npx tsc && npx tsx index.ts`,
 * `node app.js` → the script; `python3 app.py`, `mvn -e -q compile exec:java`, `go mod download &&
 * go run app.go`, `dotnet run -p src/App.csproj` → the language.
 */
export function parseAppCommand(command: string, directory: string): AppCommand {
  const tokens = command.split(/\s+/).filter((token) => token !== '').map((token) => token.replace(/^["']|["']$/g, ''));
  const script = tokens.find((token) => SCRIPT.test(token));
  if (script !== undefined) return { kind: 'script', command, entry: resolve(directory, script) };
  for (const program of programsOf(tokens)) {
    const language = LANGUAGE_BY_PROGRAM.find(([pattern]) => pattern.test(program))?.[1];
    if (language !== undefined) return { kind: 'other-language', command, language };
  }
  return { kind: 'unknown', command };
}

/** The program of each `&&`/`;`-separated part: `go mod download && go run app.go` → go, go. */
function programsOf(tokens: string[]): string[] {
  const programs: string[] = [];
  let atStart = true;
  for (const token of tokens) {
    if (token === '&&' || token === ';' || token === '||') {
      atStart = true;
    } else if (atStart && !/^\w+=/.test(token)) {
      programs.push(token);
      atStart = false;
    }
  }
  return programs;
}
