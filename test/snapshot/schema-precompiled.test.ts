import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileValidator, precompiledValidator, schemaErrors, schemaSources, snapshotSchemaErrors } from '../../src/snapshot/schema.js';

/**
 * The snapshot schema is compiled by the build (scripts/build.mjs → dist/snapshot-validator.cjs;
 * the test setup builds dist/) and used only while the schema files still have the digest it was
 * compiled from. It must answer every document as compiling the schema files does.
 */
const committed = JSON.parse(readFileSync(new URL('../../snapshots/reference-stack.json', import.meta.url), 'utf8')) as unknown;

describe('the precompiled snapshot schema', () => {
  const sources = schemaSources();
  const built = precompiledValidator(sources);
  const compiled = compileValidator(sources);

  it('is the build’s, for the checked-in schema files', () => {
    expect(built).toBeTypeOf('function');
    expect(built).not.toBe(compiled);
    expect(schemaErrors(built!, committed)).toEqual([]);
  });

  it('is not used once a schema file has changed, or when the build has none', () => {
    const edited = sources.map((source, i) => (i === 1 ? source.replace('"kind"', '"kind" ') : source));
    expect(precompiledValidator(edited)).toBeUndefined();
    expect(precompiledValidator(sources, new URL('./no-such-validator.cjs', import.meta.url))).toBeUndefined();
    // A run with changed files compiles them: its answers follow the files, not the build.
    const stricter = JSON.parse(sources[1]!) as { properties: { schemaVersion: Record<string, unknown> } };
    stricter.properties.schemaVersion = { const: 2 };
    expect(schemaErrors(compileValidator([sources[0]!, JSON.stringify(stricter)]), committed)).toEqual(['/schemaVersion: must be equal to constant']);
  });

  it('answers every document as the compiled schema does: the committed snapshot with any value replaced anywhere', () => {
    const paths = leafPaths(committed);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 2 }), fc.boolean(), (path, value, rename) => {
        const document = structuredClone(committed) as Record<string, unknown>;
        setAt(document, path, value, rename);
        expect(schemaErrors(built!, document, 100)).toEqual(schemaErrors(compiled, document, 100));
      }),
      { numRuns: 300 },
    );
  });

  it('is what snapshotSchemaErrors uses', () => {
    const document = structuredClone(committed) as { schemaVersion: unknown };
    document.schemaVersion = 'one';
    expect(snapshotSchemaErrors(document)).toEqual(schemaErrors(built!, document));
  });
});

type Path = (string | number)[];

/** The path of every value in a JSON document, objects and arrays included. */
function leafPaths(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.slice(0, 3).forEach((item, i) => leafPaths(item, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) leafPaths(item, [...path, key], out);
  return out;
}

/** Replaces the value at `path` (the root stays an object), or renames its key to an unknown one. */
function setAt(document: Record<string, unknown>, path: Path, value: unknown, rename: boolean): void {
  if (path.length === 0) return;
  const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], document) as Record<string | number, unknown>;
  const key = path.at(-1)!;
  if (rename && !Array.isArray(parent)) {
    parent[`${String(key)}Extra`] = parent[key];
    delete parent[key];
  } else parent[key] = value;
}
