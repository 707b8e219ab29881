import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable, localClient, startDynamoDbLocal, type DynamoDbLocal } from '../../scripts/local/dynamodb';
import { freePort } from '../../scripts/local/ports';

export { freePort };

/**
 * Starts an in-memory DynamoDB Local for one test file and creates a fresh table in it.
 * Returns accessors that are valid inside tests (after beforeAll has run).
 */
export function useDynamoDbLocal() {
  let server: DynamoDbLocal | undefined;
  let client: DynamoDBClient | undefined;
  const tableName = `news-test-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    server = await startDynamoDbLocal({ port: await freePort() });
    client = localClient(server.endpoint);
    await ensureTable(client, tableName);
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });
  return {
    tableName,
    get client(): DynamoDBClient {
      if (!client) throw new Error('DynamoDB Local not started yet');
      return client;
    },
    get endpoint(): string {
      if (!server) throw new Error('DynamoDB Local not started yet');
      return server.endpoint;
    },
  };
}
