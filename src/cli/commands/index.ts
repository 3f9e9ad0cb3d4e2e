import type { ArgumentsCamelCase, CommandBuilder } from 'yargs';
import type { CommandContext } from '../context.js';

/**
 * Subcommands besides the default `report`. Each module owns its flags and handler; it is
 * imported only when its command runs (or its help is asked for), so that `topology --help`
 * does not load the pipeline, the SDK clients and every renderer. The name and description are
 * repeated here for the top-level command list; a test checks they match the module's.
 */
export type CommandFactory = (context: CommandContext) => TopologyCommand;

/**
 * A command module as main.ts registers it, whatever its own arguments: each module is written as
 * `CommandModule<object, ItsArgs>` and checked against its own arguments there. `handler` is a
 * method here, so such a module fits (TypeScript compares method parameters both ways), where
 * `CommandModule<any, any>` would switch type checking off for every command.
 */
export interface TopologyCommand {
  command?: string | readonly string[];
  aliases?: string | readonly string[];
  describe?: string | false;
  builder?: CommandBuilder<object, object>;
  handler(args: ArgumentsCamelCase<object>): void | Promise<void>;
}

export interface LazyCommand {
  name: string;
  /** Other names argv may use for it (old names kept working). */
  aliases?: string[];
  describe: string;
  load(): Promise<CommandFactory>;
}

export const commands: LazyCommand[] = [
  {
    name: 'reference-stack',
    aliases: ['demo'],
    describe: 'No AWS account needed: synthesize the bundled reference stack, print its tables, write its public page',
    load: async () => (await import('./reference-stack.js')).referenceStackCommand,
  },
  {
    name: 'audit',
    describe: 'Check the topology against the architecture rules (docs/rules.md) and print the findings',
    load: async () => (await import('./audit.js')).auditCommand,
  },
  {
    name: 'paths',
    describe: 'Print the request and worker paths (the page\'s) as indented chains with the evidence of each hop',
    load: async () => (await import('./paths.js')).pathsCommand,
  },
  {
    name: 'snapshot',
    describe: 'Write the topology to a snapshot file (for topology drift, or --from later)',
    load: async () => (await import('./snapshot.js')).snapshotCommand,
  },
  {
    name: 'merge',
    describe: 'Join snapshots made by separate jobs (one per account and region) into one snapshot',
    load: async () => (await import('./merge.js')).mergeCommand,
  },
  {
    name: 'drift',
    describe: 'Compare the current topology with a snapshot or a template; exit 1 on drift',
    load: async () => (await import('./drift.js')).driftCommand,
  },
];

/**
 * The command modules `argv` may run: every subcommand whose name appears in it (an option value
 * that happens to equal a command name only costs an import). The rest are listed by name.
 */
export async function commandsFor(argv: string[], context: CommandContext): Promise<TopologyCommand[]> {
  const words = new Set(argv.slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length));
  return Promise.all(
    commands.map(async (command) =>
      namesOf(command).some((name) => words.has(name)) ? (await command.load())(context) : listedOnly(command),
    ),
  );
}

function namesOf(command: LazyCommand): string[] {
  return [command.name, ...(command.aliases ?? [])];
}

/** A command argv does not name: in the command list, never run (yargs only runs what argv names). */
function listedOnly(command: LazyCommand): TopologyCommand {
  return {
    command: command.name,
    ...(command.aliases === undefined ? {} : { aliases: command.aliases }),
    describe: command.describe,
    handler: () => {
      throw new Error(`the "${command.name}" command ran without its module loaded`);
    },
  };
}
