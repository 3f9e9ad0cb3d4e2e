import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { asRecord, asString, containsUnresolved, type JsonRecord } from './values.js';

/** Directories never searched for nested templates: dependencies, VCS data, build output. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', '.venv', 'venv', '__pycache__', '.idea', '.vscode']);

/** Template file endings a directory search considers. */
export const TEMPLATE_EXTENSIONS = ['.yaml', '.yml', '.json', '.template', '.cfn'];

/** Where a nested stack's template was looked for; `file` when found. */
export interface NestedLookup {
  file?: string;
  tried: string[];
}

/** Every file under `root` with a template ending, skipping dependency and VCS directories. */
export async function templateFilesUnder(root: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (directory: string): Promise<void> => {
    const entries = await readdir(directory, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) await walk(path);
      } else if (entry.isFile() && TEMPLATE_EXTENSIONS.some((ending) => entry.name.toLowerCase().endsWith(ending))) {
        files.push(path);
      }
    }
  };
  await walk(root);
  return files;
}

/**
 * The file a nested stack's `TemplateURL` names. CDK records the file in the resource's
 * `aws:asset:path` metadata; a local or relative path is read from the parent's directory; an S3
 * or HTTPS URL is matched to the file under the parent's directory whose path ends in the longest
 * run of the URL's path segments (at least the file name).
 */
export async function locateNestedTemplate(
  parentFile: string,
  declaration: JsonRecord,
  templateUrl: unknown,
  filesUnder: (root: string) => Promise<string[]>,
): Promise<NestedLookup> {
  const parentDirectory = dirname(parentFile);
  const tried: string[] = [];
  const assetPath = asString(asRecord(declaration.Metadata)?.['aws:asset:path']);
  if (assetPath !== undefined) {
    const candidate = resolve(parentDirectory, assetPath);
    tried.push(`CDK asset ${candidate}`);
    if (isFile(candidate)) return { file: candidate, tried };
  }
  const url = asString(templateUrl);
  if (url === undefined || url === '') {
    tried.push('TemplateURL (not a string)');
    return { tried };
  }
  if (!/^(https?|s3):\/\//i.test(url)) {
    const local = url.startsWith('file://') ? url.slice('file://'.length) : url;
    const candidate = isAbsolute(local) ? local : resolve(parentDirectory, local);
    tried.push(candidate);
    return isFile(candidate) ? { file: candidate, tried } : { tried };
  }
  const segments = urlPathSegments(url);
  const name = segments[segments.length - 1];
  if (name === undefined || containsUnresolved(name)) {
    tried.push(`${url} (its file name is only known at deployment)`);
    return { tried };
  }
  tried.push(`files under ${parentDirectory} ending in ${segments.join('/')}`);
  const best = longestSuffixMatch(await filesUnder(parentDirectory), parentDirectory, segments);
  return best === undefined ? { tried } : { file: best, tried };
}

/** `https://bucket.s3.amazonaws.com/templates/vpc.yaml` → `['templates', 'vpc.yaml']`; S3 path-style URLs keep the bucket, which only a longer match uses. */
export function urlPathSegments(url: string): string[] {
  const withoutScheme = url.replace(/^[a-z0-9]+:\/\//i, '');
  const path = withoutScheme.slice(withoutScheme.indexOf('/') + 1);
  const clean = path.split(/[?#]/)[0] ?? '';
  return clean.split('/').filter((segment) => segment !== '' && !containsUnresolved(segment));
}

/** The file sharing the most trailing path segments with `segments` (the file name at least); ties go to the shortest path. */
export function longestSuffixMatch(files: string[], root: string, segments: string[]): string | undefined {
  let best: { file: string; score: number } | undefined;
  for (const file of files) {
    const parts = relative(root, file).split(sep);
    let score = 0;
    while (score < parts.length && score < segments.length && parts[parts.length - 1 - score] === segments[segments.length - 1 - score]) score++;
    if (score === 0) continue;
    if (best === undefined || score > best.score || (score === best.score && file.length < best.file.length)) best = { file, score };
  }
  return best?.file;
}

/**
 * CloudFormation names a nested stack `<parent>-<LogicalId>-<13 random characters>`; the
 * characters here are derived from both names, so the same input gives the same name.
 */
export function nestedStackName(parentStackName: string, logicalId: string): string {
  const digest = createHash('sha256').update(`${parentStackName}/${logicalId}`).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const suffix = Array.from(digest.subarray(0, 13), (byte) => alphabet[byte % alphabet.length]).join('');
  return `${parentStackName}-${logicalId}-${suffix}`.slice(0, 128);
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}
