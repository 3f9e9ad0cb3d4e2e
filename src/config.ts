import { readFile } from 'node:fs/promises';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { InputFileError } from './errors.js';

/**
 * The project config file (`topology.config.yml` / `.json`, or `--config FILE`).
 * This module only reads and parses it; each stage validates its own section
 * (`redaction`, `audit`, `drift`) with a clear error per bad entry.
 */
export interface RawConfig {
  file?: string;
  redaction?: unknown;
  audit?: unknown;
  drift?: unknown;
}

const KNOWN_SECTIONS = new Set(['redaction', 'audit', 'drift']);

export async function loadConfig(file: string | undefined): Promise<RawConfig> {
  if (file === undefined) return {};
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new InputFileError(file, 'cannot read the config file', { cause, hint: 'Check the --config path.' });
  }
  let parsed: unknown;
  try {
    parsed = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    const line = cause instanceof YAMLParseError ? cause.linePos?.[0]?.line : undefined;
    throw new InputFileError(file, `not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(cause as Error).message.split('\n')[0]}`, {
      line,
      cause,
    });
  }
  if (parsed === null || parsed === undefined) return { file };
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InputFileError(file, 'the config must be a mapping with sections redaction, audit, drift');
  }
  for (const key of Object.keys(parsed)) {
    if (!KNOWN_SECTIONS.has(key)) {
      throw new InputFileError(file, `unknown section "${key}"`, { hint: 'Known sections: redaction, audit, drift.' });
    }
  }
  return { file, ...(parsed as Omit<RawConfig, 'file'>) };
}
