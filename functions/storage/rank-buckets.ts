import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE } from '../shared/resources';
import { entityItemShape, keys, rankBucketFor } from './keys';
import { batchGet, unlessConditionFails, type TableContext } from './table';

const BUCKET = TABLE.indexes.byTypeBucket.sortKey;

/**
 * Puts entities in a ranking bucket that fits their committed article count (rankBucketFor),
 * after the commit that changed the counts. The writer already moves most buckets inside that
 * commit, predicted from a read before it; this is the correction for what the prediction could
 * not know. Reads are consistent and each write is conditioned on the count it was computed
 * from, so when two articles change one entity at once, the later commit's correction, which
 * reads after it, sets the final bucket. A crash before the correction is repaired by the next
 * run on the article (see ArticleWriter's due lists).
 *
 * Returns the number of entities moved.
 */
export async function syncRankBuckets(table: TableContext, entityIds: Iterable<string>): Promise<number> {
  const ids = [...new Set(entityIds)];
  if (!ids.length) return 0;
  const items = await batchGet(
    table,
    ids.map((id) => keys.entity(id)),
    { consistent: true },
  );
  let moved = 0;
  for (const item of items) if (await moveToBucket(table, item)) moved += 1;
  return moved;
}

/**
 * Gives every entity item a bucket that fits its count: for a table whose entities were written
 * before the ranking had buckets. Reads the whole table once; safe to run at any time and
 * more than once.
 */
export async function backfillRankBuckets(table: TableContext): Promise<number> {
  let moved = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.doc.send(
      new ScanCommand({
        TableName: table.tableName,
        FilterExpression: 'sk = :meta AND begins_with(pk, :entity)',
        ExpressionAttributeValues: { ':meta': entityItemShape.sk, ':entity': entityItemShape.pkPrefix },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) if (await moveToBucket(table, item)) moved += 1;
    start = page.LastEvaluatedKey;
  } while (start);
  return moved;
}

/** Sets (or removes, at a count of zero) the item's bucket if it does not fit its count, unless the count has changed since it was read. */
export async function moveToBucket(table: TableContext, item: Record<string, unknown>): Promise<boolean> {
  const count = typeof item.articleCount === 'number' ? item.articleCount : 0;
  const stored = typeof item[BUCKET] === 'number' ? item[BUCKET] : undefined;
  const wanted = rankBucketFor(count, stored);
  if (wanted === undefined) return false;
  const counted = typeof item.articleCount === 'number';
  const values = { ...(wanted === null ? {} : { ':bucket': wanted }), ...(counted ? { ':count': count } : {}) };
  return unlessConditionFails(() =>
    table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: { pk: String(item.pk), sk: String(item.sk) },
        UpdateExpression: wanted === null ? 'REMOVE #bucket' : 'SET #bucket = :bucket',
        ConditionExpression: `attribute_exists(pk) AND ${counted ? '#count = :count' : 'attribute_not_exists(#count)'}`,
        ExpressionAttributeNames: { '#bucket': BUCKET, '#count': 'articleCount' },
        ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
      }),
    ),
  );
}
