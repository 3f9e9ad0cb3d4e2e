import type { CommandModule } from 'yargs';
import { withOutputOptions, withSourceOptions } from './options.js';
import type { CommandContext } from './context.js';
import type { ReportArgs } from './report-run.js';

/**
 * `topology [report]`, the default command: its flags here, its run in report-run.ts, imported
 * only when the command runs (`topology --help` lists the flags without loading the pipeline).
 */
export function reportCommand(context: CommandContext): CommandModule<object, ReportArgs> {
  return {
    command: ['report', '$0'],
    describe: 'Collect, correlate and audit the topology, then print it (the default command)',
    builder: (yargs) =>
      withOutputOptions(withSourceOptions(yargs))
        .example('$0 --region us-east-1', 'Tables for the account in us-east-1 (standard credential chain)')
        .example('$0 --profile prod --region us-east-1 --region eu-west-1', 'Two regions with a named profile')
        .example('$0 --public --format html --out architecture.html', 'The redacted portfolio page')
        .example('$0 --from reference-stack', 'The topology a CDK app would deploy (no AWS account needed)')
        .example('$0 --endpoint-url http://localhost:5000 --region us-east-1', 'Against moto or LocalStack'),
    handler: async (args) => {
      const { runReport } = await import('./report-run.js');
      context.exitCode = await runReport(args, context);
    },
  };
}
