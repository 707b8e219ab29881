import { describe, expect, it } from 'vitest';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { TABLE } from '../../functions/shared/resources';
import { useDynamoDbLocal } from '../support/dynamodb';

describe('DynamoDB Local', () => {
  const db = useDynamoDbLocal();
  it('creates the table with every index from the shared definitions', async () => {
    const { Table } = await db.client.send(new DescribeTableCommand({ TableName: db.tableName }));
    const names = (Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName).sort();
    expect(names).toEqual(Object.values(TABLE.indexes).map((index) => index.name).sort());
  });
});
