import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { readSources, type SourceFile } from '../architecture/import-layers.js';

/** `@aws-sdk/client-s3/dist-types/x` → `@aws-sdk/client-s3`; `ajv/dist/2020.js` → `ajv`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/**
 * Packages a file imports, split by whether the import survives compilation: `import type` and
 * `export type` are erased, so their packages are needed to type-check, not to run.
 */
/** Functions that load a package at run time by name: `require`, `createRequire(…)` and the SDK's loader (src/sources/aws/sdk-packages.ts). */
const RUNTIME_LOADERS = new Set(['require', 'sdkPackage']);

function isRuntimeLoader(callee: ts.Expression): boolean {
  if (ts.isIdentifier(callee)) return RUNTIME_LOADERS.has(callee.text);
  return ts.isCallExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'createRequire';
}

export function packageImports(text: string): { runtime: Set<string>; typeOnly: Set<string> } {
  const source = ts.createSourceFile('file.ts', text, ts.ScriptTarget.ES2022, true);
  const runtime = new Set<string>();
  const typeOnly = new Set<string>();
  const add = (specifier: string, erased: boolean) => {
    if (specifier.startsWith('.') || specifier.startsWith('node:') || builtinModules.includes(specifier)) return;
    (erased ? typeOnly : runtime).add(packageOf(specifier));
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.importClause?.isTypeOnly === true);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || isRuntimeLoader(node.expression))) {
      const [argument] = node.arguments;
      if (argument !== undefined && ts.isStringLiteralLike(argument)) add(argument.text, false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const name of runtime) typeOnly.delete(name);
  return { runtime, typeOnly };
}

/** What a user's install runs: src/ and the reference stack the `reference-stack` command synthesizes. */
function shippedCode(): SourceFile[] {
  const stack = readSources('reference-stack').filter((file) => !file.path.startsWith('test/') && !file.path.startsWith('cdk.out/') && !file.path.startsWith('images/'));
  return [...readSources('src'), ...stack];
}

describe('package.json declares what the shipped code imports', () => {
  it('every package imported at run time is a dependency (a production install has it)', async () => {
    const { dependencies } = JSON.parse(await readFile('package.json', 'utf8')) as { dependencies: Record<string, string> };
    const missing = shippedCode().flatMap((file) => [...packageImports(file.text).runtime].filter((name) => !(name in dependencies)).map((name) => `${file.path}: ${name}`));
    expect(missing).toEqual([]);
  });

  it('every package imported only for its types is declared (itself or as @types/…)', async () => {
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);
    const missing = shippedCode().flatMap((file) =>
      [...packageImports(file.text).typeOnly].filter((name) => !declared.has(name) && !declared.has(`@types/${name.replace(/^@/, '').replace('/', '__')}`)).map((name) => `${file.path}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('tells run-time imports from erased ones', () => {
    const { runtime, typeOnly } = packageImports(
      [
        "import type { Log } from 'sarif';",
        "import { Aspects } from 'aws-cdk-lib';",
        "import type { Construct } from 'constructs';",
        "import { NagSuppressions } from 'cdk-nag/lib/x.js';",
        "const yaml = await import('yaml');",
        "export type { RetryToken } from '@smithy/types';",
        "import { readFile } from 'node:fs/promises';",
        "import path from 'path';",
        "import { local } from './local.js';",
        "type P = import('@aws-sdk/client-s3').S3Client;",
        "const { EC2Client } = sdkPackage('@aws-sdk/client-ec2');",
        "const progress = require('cli-progress');",
        "const table = createRequire(import.meta.url)('cli-table3');",
      ].join('\n'),
    );
    expect([...runtime].sort()).toEqual(['@aws-sdk/client-ec2', 'aws-cdk-lib', 'cdk-nag', 'cli-progress', 'cli-table3', 'yaml']);
    expect([...typeOnly].sort()).toEqual(['@aws-sdk/client-s3', '@smithy/types', 'constructs', 'sarif']);
  });
});
