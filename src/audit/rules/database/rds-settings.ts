import type { AuditContext, RuleResult } from '../../rule.js';
import { databases, type Database } from './databases.js';

/** One result per database where `isFine` is false. */
export function databasesWhere(context: AuditContext, isFine: (db: Database) => boolean, message: (name: string) => string): RuleResult[] {
  return databases(context.index)
    .filter((db) => !isFine(db))
    .map((db) => ({ message: message(db.name), resources: [db.node], evidence: [] }));
}
