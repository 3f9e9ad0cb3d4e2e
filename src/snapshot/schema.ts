import { readFileSync } from 'node:fs';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * docs/snapshot.schema.json, compiled once. Resource shapes are referenced from the JSON report's
 * schema (docs/topology.schema.json), which is kept in step with the model.
 */
const SCHEMA_FILES = ['../../docs/topology.schema.json', '../../docs/snapshot.schema.json'];
const SNAPSHOT_SCHEMA_ID = 'urn:topology:schema:snapshot:1';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled === undefined) {
    const ajv = new Ajv2020.default({ allErrors: true, strict: true });
    addFormats.default(ajv, ['date-time']);
    for (const file of SCHEMA_FILES) ajv.addSchema(JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as object);
    compiled = ajv.getSchema(SNAPSHOT_SCHEMA_ID)!;
  }
  return compiled;
}

/** Schema violations as `/body/inventory/services/0/desiredCount: must be integer`, at most `limit`. */
export function snapshotSchemaErrors(document: unknown, limit = 5): string[] {
  const validate = validator();
  if (validate(document)) return [];
  return (validate.errors ?? []).slice(0, limit).map(describeError);
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(top level)' : error.instancePath;
  if (error.keyword === 'additionalProperties') return `${where}: unknown field "${String(error.params.additionalProperty)}"`;
  if (error.keyword === 'required') return `${where}: missing field "${String(error.params.missingProperty)}"`;
  return `${where}: ${error.message ?? error.keyword}`;
}
