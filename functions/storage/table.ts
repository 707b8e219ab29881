import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The single table as built (index names and attributes: functions/shared/resources.ts):
 *
 *   ART#<id>  STATUS        per-key claim and status: key, bucket, state, code, reason,
 *                           sequencer (32 hex chars, left-padded), versionId, eTag, attempts
 *   ART#<id>  META          the article (gsi1pk M#YYYY-MM, gsi2pk L#<lang>#YYYY-MM,
 *                           gsi1sk <sortDate>#<id>); entities/dates/quotes capped
 *   ART#<id>  E#<entityId>  membership: mentions, type, name, linkSk (truth for counts)
 *   ENT#<eid> A#<sortDate>#<articleId>  link: title, lang, publishedAt, mentions, key
 *   ENT#<eid> META          entity: articleCount, mentionCount, folded name,
 *                           gsi3pk P#<2 chars>, gsi3sk <folded>#<eid>, gsi4pk T#<type>#<shard>
 *   STATS     META          articleCount, months (string set), months_<lang>
 *
 * `<id>` is articleIdFor(bucket, key) (core/records.ts).
 */

/**
 * Item key formats of the single table. Only the storage module knows them; the API never
 * shows them to clients (cursors carry them, but signed).
 */
export const keys = {
  article: (id: string) => ({ pk: `ART#${id}`, sk: 'META' }),
  status: (id: string) => ({ pk: `ART#${id}`, sk: 'STATUS' }),
  digest: (id: string) => ({ pk: `ART#${id}`, sk: 'DIGEST' }),
  membership: (articleId: string, entityId: string) => ({ pk: `ART#${articleId}`, sk: `E#${entityId}` }),
  link: (entityId: string, linkSk: string) => ({ pk: `ENT#${entityId}`, sk: linkSk }),
  entity: (id: string) => ({ pk: `ENT#${id}`, sk: 'META' }),
  stats: () => ({ pk: 'STATS', sk: 'META' }),
};

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
