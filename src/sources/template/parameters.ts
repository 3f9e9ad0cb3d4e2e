import { readFile } from 'node:fs/promises';
import { InputFileError, UsageError } from '../../errors.js';
import { asRecord, asRecords, asString, isRecord } from './values.js';

/** A parameter value given on the command line or in a file; `stack` when it names one. */
export interface GivenParameter {
  stack?: string;
  key: string;
  value: string;
  /** `--parameter Env=prod` or `params.json`: named when the key matches no stack. */
  origin: string;
}

/** `Key=Value`, or `Stack.Key=Value` when several stacks are read. Stack names cannot hold dots. */
export function parseParameterFlag(flag: string): GivenParameter {
  const equals = flag.indexOf('=');
  if (equals <= 0) throw new UsageError(`--parameter "${flag}" is not Key=Value.`, { hint: 'Write --parameter Env=prod, or --parameter StackName.Env=prod when several stacks are read.' });
  const name = flag.slice(0, equals).trim();
  const value = flag.slice(equals + 1);
  const dot = name.indexOf('.');
  const origin = `--parameter ${name}`;
  return dot < 0 ? { key: name, value, origin } : { stack: name.slice(0, dot), key: name.slice(dot + 1), value, origin };
}

/**
 * A parameters file: the CloudFormation CLI's `[{"ParameterKey": ..., "ParameterValue": ...}]`
 * or CodePipeline's template configuration `{"Parameters": {"Key": "Value"}}`.
 */
export async function readParametersFile(file: string): Promise<GivenParameter[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new InputFileError(file, 'cannot read the parameters file', { cause, hint: 'Check the --parameters path.' });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw new InputFileError(file, `the parameters file is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  return parametersOf(file, body);
}

export function parametersOf(file: string, body: unknown): GivenParameter[] {
  if (Array.isArray(body)) {
    return asRecords(body).map((entry, i) => {
      const key = asString(entry.ParameterKey);
      const value = asString(entry.ParameterValue);
      if (key === undefined || (value === undefined && entry.UsePreviousValue !== true)) {
        throw new InputFileError(file, `entry ${i} needs ParameterKey and ParameterValue`, { hint: 'The CloudFormation CLI format is [{"ParameterKey": "Env", "ParameterValue": "prod"}].' });
      }
      return { key, value: value ?? '', origin: file };
    });
  }
  const parameters = asRecord(asRecord(body)?.Parameters);
  if (parameters === undefined) {
    throw new InputFileError(file, 'a parameters file is a list of {ParameterKey, ParameterValue} or an object with "Parameters"', {
      hint: 'Use the CloudFormation CLI format [{"ParameterKey": "Env", "ParameterValue": "prod"}] or the CodePipeline format {"Parameters": {"Env": "prod"}}.',
    });
  }
  return Object.entries(parameters).map(([key, value]) => {
    const text = asString(value);
    if (text === undefined || isRecord(value)) throw new InputFileError(file, `Parameters.${key} must be a string`);
    return { key, value: text, origin: file };
  });
}

/** Which given value each top-level stack gets: its own qualified one over an unqualified one. */
export function parameterValuesFor(
  given: GivenParameter[],
  stacks: { stackName: string; parameterNames: string[] }[],
): { values: Map<string, Map<string, string>>; unmatched: GivenParameter[] } {
  const values = new Map(stacks.map((stack) => [stack.stackName, new Map<string, string>()]));
  const unmatched: GivenParameter[] = [];
  const stackNames = stacks.map((stack) => stack.stackName);
  for (const parameter of given.filter((p) => p.stack !== undefined)) {
    const stack = stacks.find((candidate) => candidate.stackName === parameter.stack);
    if (stack === undefined) {
      throw new UsageError(`${parameter.origin}: no stack named "${parameter.stack}" is read.`, { hint: `Stacks read: ${stackNames.join(', ')}.` });
    }
    if (!stack.parameterNames.includes(parameter.key)) {
      throw new UsageError(`${parameter.origin}: stack ${stack.stackName} declares no parameter "${parameter.key}".`, {
        hint: `Its parameters: ${stack.parameterNames.join(', ') || '(none)'}.`,
      });
    }
    values.get(stack.stackName)!.set(parameter.key, parameter.value);
  }
  for (const parameter of given.filter((p) => p.stack === undefined)) {
    const declaring = stacks.filter((stack) => stack.parameterNames.includes(parameter.key));
    if (declaring.length === 0) unmatched.push(parameter);
    for (const stack of declaring) {
      const own = values.get(stack.stackName)!;
      const qualified = given.some((p) => p.stack === stack.stackName && p.key === parameter.key);
      if (!qualified) own.set(parameter.key, parameter.value);
    }
  }
  return { values, unmatched };
}
