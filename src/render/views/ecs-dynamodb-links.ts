import { type TableSpec } from './context.js';
import { LINK_COLUMNS, serviceLinkRows } from './service-links.js';

export const ecsDynamoLinkTable: TableSpec = {
  id: 'ecs-dynamodb-links',
  title: 'ECS TO DYNAMODB LINKS',
  columns: LINK_COLUMNS,
  needs: ['taskDefinitions', 'roles', 'dynamoTables'],
  rows: (context) => serviceLinkRows(context, 'service-table'),
};
