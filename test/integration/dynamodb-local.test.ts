import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { TABLE } from '../../functions/shared/resources';
import { useDynamoDbLocal } from '../support/dynamodb';

describe('DynamoDB Local', () => {
  const db = useDynamoDbLocal();
  it('creates the table with every index from the shared definitions', async () => {
    const { Table } = await db.client.send(new DescribeTableCommand({ TableName: db.tableName }));
    const names = (Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName).sort();
    expect(names).toEqual(
      Object.values(TABLE.indexes)
        .map((index) => index.name)
        .sort(),
    );
  });
});

describe('DynamoDB Local binding', () => {
  const db = useDynamoDbLocal();
  // Read the kernel's socket table instead of connecting to a non-loopback address.
  it.runIf(existsSync('/proc/net/tcp'))('listens on 127.0.0.1 only', () => {
    const port = Number(new URL(db.endpoint).port);
    const portHex = port.toString(16).toUpperCase().padStart(4, '0');
    const listening = ['/proc/net/tcp', '/proc/net/tcp6']
      .filter((file) => existsSync(file))
      .flatMap((file) => readFileSync(file, 'utf8').trim().split('\n').slice(1))
      .map((line) => line.trim().split(/\s+/))
      .filter((cells) => cells[3] === '0A' && cells[1].endsWith(`:${portHex}`))
      .map((cells) => cells[1].split(':')[0]);
    expect(listening.length).toBeGreaterThan(0);
    // 127.0.0.1 as IPv4, or as an IPv4-mapped IPv6 address; never 0.0.0.0 or ::.
    for (const address of listening) expect(['0100007F', '0000000000000000FFFF00000100007F']).toContain(address);
  });
});
