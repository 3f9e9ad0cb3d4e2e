import { type TableSpec } from './context.js';
import { LINK_COLUMNS, serviceLinkRows } from './service-links.js';

export const ecsSqsLinkTable: TableSpec = { id: 'ecs-sqs-links', title: 'ECS TO SQS LINKS', columns: LINK_COLUMNS, needs: ['taskDefinitions', 'roles', 'queues'], rows: (context) => serviceLinkRows(context, 'service-queue') };
