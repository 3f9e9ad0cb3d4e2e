import type { CommandModule } from 'yargs';
import type { CommandContext } from '../context.js';
import { auditCommand } from './audit.js';
import { demoCommand } from './demo.js';
import { driftCommand } from './drift.js';
import { snapshotCommand } from './snapshot.js';

/** Subcommands besides the default `report`. Each module owns its flags and handler. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: ((context: CommandContext) => CommandModule<any, any>)[] = [demoCommand, auditCommand, snapshotCommand, driftCommand];
