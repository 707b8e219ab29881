import { TABLE } from './resources';

/**
 * The table's key schema and indexes as plain data, derived from TABLE. The local stack
 * passes it to CreateTable; the CDK stack builds its TableV2 from the same TABLE entries.
 */
export interface AttributeDefinition {
  AttributeName: string;
  AttributeType: 'S' | 'N';
}

export function tableAttributeDefinitions(): AttributeDefinition[] {
  const seen = new Map<string, 'S' | 'N'>();
  seen.set(TABLE.partitionKey, 'S');
  seen.set(TABLE.sortKey, 'S');
  for (const index of Object.values(TABLE.indexes)) {
    seen.set(index.partitionKey, 'S');
    seen.set(index.sortKey, index.sortKeyType);
  }
  return [...seen].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
}

export function createTableInput(tableName: string) {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: tableAttributeDefinitions(),
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: Object.values(TABLE.indexes).map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: index.projection },
    })),
  };
}
