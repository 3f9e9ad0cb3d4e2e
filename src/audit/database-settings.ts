import type { AuditContext, RuleResult } from './rule.js';
import { nameOf, type Message, type MessagePart } from './message.js';
import { databases, type Database } from './databases.js';

/** One result per database where `isFine` is false. */
export function databasesWhere(context: AuditContext, isFine: (db: Database) => boolean, describe: (name: MessagePart) => Message): RuleResult[] {
  return databases(context.index)
    .filter((db) => !isFine(db))
    .map((db) => ({ ...describe(nameOf(context.index, db.node)), resources: [db.node], evidence: [] }));
}
