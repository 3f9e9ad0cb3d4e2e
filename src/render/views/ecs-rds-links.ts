import { type TableSpec } from './context.js';
import { LINK_COLUMNS, serviceLinkRows } from './service-links.js';

export const ecsRdsLinkTable: TableSpec = { id: 'ecs-rds-links', title: 'ECS TO RDS LINKS', columns: LINK_COLUMNS, needs: ['taskDefinitions', 'databases', 'securityGroups'], rows: (context) => serviceLinkRows(context, 'service-db') };
