import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';

/**
 * docs/snapshot.schema.json, compiled once. Resource shapes are referenced from the JSON report's
 * schema (docs/topology.schema.json), which is kept in step with the model.
 *
 * The build compiles it ahead (scripts/build.mjs → dist/snapshot-validator.cjs, Ajv's standalone
 * code) with the digest of the schema files it was compiled from; a run uses that while the
 * checked-in files still have that digest, and compiles them itself otherwise. Compiling took
 * 0.3-0.4 s of every run that reads a snapshot (and loading Ajv 0.1 s more); loading the
 * compiled code takes 16 ms.
 */
export const SCHEMA_FILES = ['../../docs/topology.schema.json', '../../docs/snapshot.schema.json'];
export const SNAPSHOT_SCHEMA_ID = 'urn:topology:schema:snapshot:1';
/** Ajv's options, the same for the build's compile and a run's. */
export const AJV_OPTIONS = { allErrors: true, strict: true } as const;
export const PRECOMPILED_VALIDATOR_URL = new URL('../../dist/snapshot-validator.cjs', import.meta.url);

const require = createRequire(import.meta.url);
let compiled: ValidateFunction | undefined;

/** The schema files' text, in SCHEMA_FILES order. */
export function schemaSources(): string[] {
  return SCHEMA_FILES.map((file) => readFileSync(new URL(file, import.meta.url), 'utf8'));
}

/** What a precompiled validator records of the sources it was compiled from. */
export function schemaDigest(sources: readonly string[]): string {
  const hash = createHash('sha256');
  for (const source of sources) hash.update(`${source.length}:${source}`);
  return hash.digest('hex');
}

/** The build's compiled validator when it was compiled from these sources; otherwise none. */
export function precompiledValidator(sources: readonly string[], url: URL = PRECOMPILED_VALIDATOR_URL): ValidateFunction | undefined {
  let module: ValidateFunction & { schemaDigest?: string };
  try {
    module = require(fileURLToPath(url)) as typeof module;
  } catch {
    return undefined;
  }
  return module.schemaDigest === schemaDigest(sources) ? module : undefined;
}

/** The sources compiled here, as the build compiles them. */
export function compileValidator(sources: readonly string[]): ValidateFunction {
  // Loaded only when the build's validator cannot be used: Ajv itself takes 0.1 s to load.
  const { default: Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const { default: addFormats } = require('ajv-formats') as typeof import('ajv-formats');
  const ajv = new Ajv2020(AJV_OPTIONS);
  addFormats(ajv, ['date-time']);
  for (const source of sources) ajv.addSchema(JSON.parse(source) as object);
  return ajv.getSchema(SNAPSHOT_SCHEMA_ID)!;
}

function validator(): ValidateFunction {
  if (compiled === undefined) {
    const sources = schemaSources();
    compiled = precompiledValidator(sources) ?? compileValidator(sources);
  }
  return compiled;
}

/** Schema violations as `/body/inventory/services/0/desiredCount: must be integer`, at most `limit`. */
export function snapshotSchemaErrors(document: unknown, limit = 5): string[] {
  return schemaErrors(validator(), document, limit);
}

/** `snapshotSchemaErrors` with a given validator. */
export function schemaErrors(validate: ValidateFunction, document: unknown, limit = 5): string[] {
  if (validate(document)) return [];
  return (validate.errors ?? []).slice(0, limit).map(describeError);
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(top level)' : error.instancePath;
  if (error.keyword === 'additionalProperties') return `${where}: unknown field "${String(error.params.additionalProperty)}"`;
  if (error.keyword === 'required') return `${where}: missing field "${String(error.params.missingProperty)}"`;
  return `${where}: ${error.message ?? error.keyword}`;
}
