import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export { keys } from './keys';

export interface TableContext {
  doc: DynamoDBDocumentClient;
  tableName: string;
}

/** Wraps a low-level client; undefined attributes are dropped rather than rejected. */
export function tableContext(client: DynamoDBClient, tableName: string): TableContext {
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { doc, tableName };
}

/** True for the SDK's error of that name, whatever class instance produced it. */
export function isErrorNamed(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;
}
