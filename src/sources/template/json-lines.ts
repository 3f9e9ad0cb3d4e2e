import { InputFileError } from '../../errors.js';

/**
 * JSON already checked by `JSON.parse`, read again to learn the line each object and list starts
 * on (an object held by a key: the key's line, as the YAML reader records it). A cdk.out template
 * runs to megabytes; the YAML parser takes ~50× longer on it than this scan.
 */
export function parseJsonWithLines(file: string, text: string, lines: Map<object, number>): unknown {
  let at = 0;
  let line = 1;
  const skipSpace = (): void => {
    for (;;) {
      const code = text.charCodeAt(at);
      if (code === 10) line++;
      else if (code !== 32 && code !== 9 && code !== 13) return;
      at++;
    }
  };
  const readString = (): string => {
    const start = at + 1;
    let end = start;
    let escaped = false;
    while (text.charCodeAt(end) !== 34) {
      if (text.charCodeAt(end) === 92) {
        escaped = true;
        end++;
      }
      end++;
    }
    at = end + 1;
    const raw = text.slice(start, end);
    return escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
  };
  const readValue = (ownLine: number): unknown => {
    skipSpace();
    const char = text[at];
    if (char === '{') {
      at++;
      const result: Record<string, unknown> = {};
      lines.set(result, ownLine);
      skipSpace();
      if (text[at] === '}') {
        at++;
        return result;
      }
      for (;;) {
        skipSpace();
        const keyLine = line;
        const key = readString();
        if (Object.hasOwn(result, key)) throw new InputFileError(file, `not valid JSON: duplicate key "${key}"`, { line: keyLine });
        skipSpace();
        at++; // ':'
        skipSpace();
        result[key] = readValue(keyLine);
        skipSpace();
        if (text[at++] === '}') return result;
      }
    }
    if (char === '[') {
      at++;
      const result: unknown[] = [];
      lines.set(result, ownLine);
      skipSpace();
      if (text[at] === ']') {
        at++;
        return result;
      }
      for (;;) {
        skipSpace();
        result.push(readValue(line));
        skipSpace();
        if (text[at++] === ']') return result;
      }
    }
    if (char === '"') return readString();
    const match = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(at, at + 64))!;
    at += match[0].length;
    return JSON.parse(match[0]);
  };
  return readValue(1);
}
