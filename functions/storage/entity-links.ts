import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { linkRange } from './keys';
import type { TableContext } from './table';

/**
 * Ids of the articles an entity is linked to, newest first: all of them, or the `limit` most
 * recent. The reader's cross-article views take the recent ones; relinking after a merge,
 * split or suppression takes all, strongly consistent.
 */
export async function linkedArticleIds(table: TableContext, entityId: string, options: { limit?: number; consistent?: boolean } = {}): Promise<string[]> {
  const range = linkRange(entityId, '', '');
  const ids = new Set<string>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)',
        ExpressionAttributeValues: { ':pk': range.pk, ':a': range.prefix },
        ProjectionExpression: 'articleId',
        ScanIndexForward: false,
        ConsistentRead: options.consistent,
        ExclusiveStartKey: start,
        ...(options.limit ? { Limit: options.limit - ids.size } : {}),
      }),
    );
    for (const item of page.Items ?? []) ids.add(String(item.articleId));
    start = page.LastEvaluatedKey;
  } while (start && (!options.limit || ids.size < options.limit));
  return [...ids];
}
