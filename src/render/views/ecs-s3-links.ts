import { type TableSpec } from './context.js';
import { LINK_COLUMNS, serviceLinkRows } from './service-links.js';

export const ecsS3LinkTable: TableSpec = { id: 'ecs-s3-links', title: 'ECS TO S3 LINKS', columns: LINK_COLUMNS, needs: ['taskDefinitions', 'roles', 'buckets'], rows: (context) => serviceLinkRows(context, 'service-bucket') };
