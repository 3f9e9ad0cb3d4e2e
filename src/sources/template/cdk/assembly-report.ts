import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { asRecord, asString, isRecord } from '../values.js';

/** What a freshly synthesized cloud assembly says beyond its templates. */
export interface AssemblyReport {
  /** Context lookups the app made that no context value answered (`cdk synth` would ask AWS). */
  missingContext: { key: string; provider: string }[];
  warnings: Annotation[];
  errors: Annotation[];
}

export interface Annotation {
  /** Construct path, `/Stack/Service/Resource`. */
  path: string;
  message: string;
}

/** Reads `manifest.json` and each stack's metadata (inline, or in its `additionalMetadataFile`). */
export async function readAssemblyReport(directory: string): Promise<AssemblyReport> {
  const manifest = asRecord(JSON.parse(await readFile(join(directory, 'manifest.json'), 'utf8'))) ?? {};
  const missingContext = (Array.isArray(manifest.missing) ? manifest.missing : []).filter(isRecord).flatMap((entry) => {
    const key = asString(entry.key);
    return key === undefined ? [] : [{ key, provider: asString(entry.provider) ?? 'unknown' }];
  });
  const report: AssemblyReport = { missingContext, warnings: [], errors: [] };
  for (const artifact of Object.values(asRecord(manifest.artifacts) ?? {})) {
    if (!isRecord(artifact)) continue;
    const metadataFile = asString(artifact.additionalMetadataFile);
    const metadata = [asRecord(artifact.metadata) ?? {}, metadataFile === undefined ? {} : await readMetadataFile(join(directory, metadataFile))];
    for (const entries of metadata) collectAnnotations(entries, report);
  }
  return report;
}

async function readMetadataFile(file: string): Promise<Record<string, unknown>> {
  try {
    return asRecord(JSON.parse(await readFile(file, 'utf8'))) ?? {};
  } catch {
    return {};
  }
}

function collectAnnotations(metadata: Record<string, unknown>, report: AssemblyReport): void {
  for (const [path, entries] of Object.entries(metadata)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries.filter(isRecord)) {
      const message = typeof entry.data === 'string' ? entry.data : JSON.stringify(entry.data);
      if (entry.type === 'aws:cdk:warning') report.warnings.push({ path, message });
      if (entry.type === 'aws:cdk:error') report.errors.push({ path, message });
    }
  }
}

/**
 * One line for all of CDK's warnings, grouped by what they are about (the `[ack: id]` CDK appends,
 * else the message), most frequent first: `CDK reported 3 warnings: @aws-cdk/aws-ecs:minHealthyPercent
 * (2×, e.g. /Web/Service), ...`.
 */
export function summarizeWarnings(warnings: Annotation[], shown = 5): string | undefined {
  if (warnings.length === 0) return undefined;
  const groups = new Map<string, Annotation[]>();
  for (const warning of warnings) {
    const topic = warningTopic(warning.message);
    groups.set(topic, [...(groups.get(topic) ?? []), warning]);
  }
  const ranked = [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
  const parts = ranked.slice(0, shown).map(([topic, members]) => `${topic} (${members.length}×, e.g. ${members[0]!.path})`);
  const more = ranked.length > shown ? `, and ${ranked.length - shown} more kind(s)` : '';
  return `CDK reported ${warnings.length} warning(s): ${parts.join('; ')}${more}. \`cdk synth\` prints them in full.`;
}

function warningTopic(message: string): string {
  const ack = /\[ack: ([^\]]+)\]\s*$/.exec(message);
  if (ack) return ack[1]!;
  const firstSentence = message.split(/(?<=\.)\s/)[0]!;
  return firstSentence.length > 100 ? `${firstSentence.slice(0, 97)}...` : firstSentence;
}

/** One line naming the context keys the app needs, and where they come from. */
export function describeMissingContext(missing: AssemblyReport['missingContext']): string | undefined {
  if (missing.length === 0) return undefined;
  const keys = missing.map((entry) => entry.key).join(', ');
  return (
    `the app looks up ${missing.length} value(s) in AWS that were never looked up, so CDK put placeholders (such as hosted zone DUMMY) ` +
    `in their place; the context key(s) needed: ${keys}. Run \`cdk synth\` once with credentials (it stores them in cdk.context.json), ` +
    `or set them in cdk.json's "context".`
  );
}
