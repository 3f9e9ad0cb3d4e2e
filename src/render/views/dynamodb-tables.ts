import { ref, type DynamoTable } from '../../model/index.js';
import { lines, serviceWithEvidence, text } from './cells.js';
import { EMPTY_CELL, type TableSpec, type ViewContext } from './context.js';

export const dynamoTableTable: TableSpec = {
  id: 'dynamodb-tables',
  title: 'DYNAMODB TABLES',
  columns: ['Name', 'Capacity', 'Encryption', 'Deletion Protection', 'Point-in-time Recovery', 'Stream', 'Replicas', 'Used By'],
  needs: ['tableBackups', 'taskDefinitions', 'roles'],
  rows: dynamoTableRows,
};

const ENCRYPTION: Record<DynamoTable['encryption']['kind'], string> = { 'aws-owned': 'AWS owned key', kms: 'KMS' };

function onOff(value: boolean | undefined): string {
  return value === undefined ? 'not collected' : value ? 'on' : 'off';
}

function dynamoTableRows({ topology, index, into }: ViewContext): string[][] {
  return topology.inventory.dynamoTables.map((table) => {
    const users = into('service-table', ref('dynamodb-table', table.arn));
    return [
      table.name,
      table.billingMode === 'PAY_PER_REQUEST' ? 'on-demand' : 'provisioned',
      lines([ENCRYPTION[table.encryption.kind], table.encryption.kmsKeyId]),
      onOff(table.deletionProtection),
      onOff(table.pointInTimeRecovery),
      text(table.streamViewType),
      table.replicaRegions.length > 1 ? lines(table.replicaRegions) : EMPTY_CELL,
      lines(users.map((edge) => `${serviceWithEvidence(index, edge)}${edge.attributes.access && edge.attributes.access !== 'unknown' ? ` ${edge.attributes.access}` : ''}`)),
    ];
  });
}
