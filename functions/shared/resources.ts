/**
 * The one source of truth for names, keys and indexes. The CDK stack (lib/) and the
 * local stack (scripts/local/) both build their bucket, queue and table from these
 * definitions, and the handlers read them, so the two targets cannot drift apart.
 */

export const DEFAULT_BUCKET_NAME = 'news-articles';

/** Environment variables the handlers read (set by CDK on AWS, by scripts/local on this machine). */
export const ENV = {
  tableName: 'TABLE_NAME',
  bucketName: 'BUCKET_NAME',
  /** The reindex processor sends to it; the ingest function reads it through its event source instead. */
  ingestQueueUrl: 'INGEST_QUEUE_URL',
  /** The bucket the stack's S3 Inventory is delivered to, the only one a reindex may read a manifest from. */
  inventoryBucket: 'INVENTORY_BUCKET',
  cursorSecret: 'CURSOR_SECRET',
  /** Folder of the NER model files; the Lambda bundle sets it, elsewhere the repository's models/ is used. */
  nerModelDir: 'NER_MODEL_DIR',
  /**
   * Evaluation only: a gazetteer.json for the rule recogniser in place of the bundled one. Cross-validation
   * points it at lists built without the held-out documents, so the rules are scored on names they never saw.
   */
  rulesGazetteer: 'RULES_GAZETTEER_FILE',
  /** Local only: the bearer token the editor routes accept in place of an AWS authoriser. */
  editorToken: 'EDITOR_TOKEN',
} as const;

/** Stack outputs `npm run news -- reindex --stack` reads (CloudFormation DescribeStacks). */
export const REINDEX_OUTPUTS = {
  stateMachineArn: 'ReindexStateMachineArn',
  bucketName: 'ReindexBucketName',
} as const;

/** The stack output naming the table, which `npm run news -- migrate --stack` reads. */
export const TABLE_NAME_OUTPUT = 'TableName';

/** S3 refuses longer object keys, so neither an event nor a query may carry one. */
export const MAX_KEY_BYTES = 1024;

/** Largest object the ingest function reads. Checked from the object size before the body is fetched. */
export const MAX_OBJECT_BYTES = 5 * 1024 * 1024;

export const INGEST_TIMEOUT_SECONDS = 60;
/** The NER model loads at cold start, hence the memory (which also buys CPU). */
export const INGEST_MEMORY_MB = 1024;
/**
 * At most this many concurrent ingest invocations. The queue absorbs bursts (a bulk upload
 * of thousands of files) instead of fanning out to hundreds of functions that would each
 * load the model and compete for the same entity items. Set on the event source rather than
 * as reserved concurrency, which small accounts cannot spare.
 */
export const INGEST_MAX_CONCURRENCY = 10;
export const QUERY_TIMEOUT_SECONDS = 10;
/** A merge relinks every article of the merged entity: minutes for a very common name. */
export const EDITOR_TIMEOUT_SECONDS = 300;

export const QUEUE = {
  /** AWS recommends at least 6x the consumer's timeout so a message is not redelivered while a batch is still running. */
  visibilityTimeoutSeconds: 6 * INGEST_TIMEOUT_SECONDS,
  /** Receives before a message moves to the dead-letter queue. */
  maxReceiveCount: 3,
  batchSize: 10,
  /**
   * On AWS a longer window means fuller batches and fewer invocations. The local stack has no
   * invocation to save and a user waiting for the article, so it uses INGEST_BATCH_WINDOW_MS.
   */
  maxBatchingWindowSeconds: 1,
  dlqRetentionDays: 14,
} as const;

/**
 * Single-table design. Every item has `pk` and `sk`; the global secondary indexes below
 * serve the query API without any Scan. Partition keys of indexes are sharded by month,
 * by name prefix or by hash so that none has few distinct values.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: {
    /** Articles newest first, one partition per publication month: gsi1pk = `M#2021-12`, gsi1sk = `<sortDate ISO>#<articleId>`. */
    byMonth: { name: 'byMonth', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', sortKeyType: 'S', projection: 'ALL' },
    /** Articles of one language newest first: gsi2pk = `L#de#2021-12`, sort key shared with byMonth. */
    byLangMonth: { name: 'byLangMonth', partitionKey: 'gsi2pk', sortKey: 'gsi1sk', sortKeyType: 'S', projection: 'ALL' },
    /** Entity search by any word of any name: one item per word, gsi3pk = `P#<first two chars of the word's key>`, gsi3sk = `<word key>#<entityId>`. */
    byPrefix: { name: 'byPrefix', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', sortKeyType: 'S', projection: 'ALL' },
    /**
     * Entities by article count per type, in hash shards: gsi4pk = `T#PER#07`, sort key `rankBucket`,
     * a ceiling of the article count on a logarithmic scale. Keys only: an entry moves about once
     * per doubling of its count, not on every count change, and the reader takes exact counts
     * from the entity items of the top buckets.
     */
    byTypeBucket: { name: 'byTypeBucket', partitionKey: 'gsi4pk', sortKey: 'rankBucket', sortKeyType: 'N', projection: 'KEYS_ONLY' },
  },
} as const;

export type IndexName = keyof typeof TABLE.indexes;

/** Shards of the byTypeBucket index; a reader merges the top of each shard. */
export const TYPE_RANK_SHARDS = 8;
