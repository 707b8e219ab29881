import { PolicyStatement } from 'aws-cdk-lib/aws-iam';

/**
 * DynamoDB permissions written out action by action, matching the commands the storage
 * modules send (functions/storage/article-reader.ts, article-writer.ts). The grant* helpers
 * are broader: grantReadData includes Scan and `<table>/index/*`, grantReadWriteData adds
 * BatchWriteItem and DeleteItem for everyone. Here each function gets what it uses, on the
 * table, and Query on the named indexes only.
 */
export interface TableArns {
  tableArn: string;
  indexArns: string[];
}

/** The query API's reader: GetCommand, BatchGetCommand, QueryCommand. */
export const QUERY_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;

/**
 * The ingest writer: Get/Query to read current state, BatchGet for entity resolution's state
 * (storage/entity-store.ts), UpdateCommand, DeleteCommand (an object-removed event deletes
 * the article's records), BatchWrite for search words, and TransactWriteCommand, which is
 * authorised per item as PutItem/UpdateItem/DeleteItem/ConditionCheckItem.
 */
export const INGEST_TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:BatchWriteItem',
] as const;

/** The reindex processor: status items only (storage/reindex-source.ts), by key, no index. */
export const REINDEX_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem'] as const;

/** The editor: the entity store's decisions, and relinking stored articles with the ingest writer's commands. */
export const EDITOR_TABLE_ACTIONS = INGEST_TABLE_ACTIONS;

function tableStatements(arns: TableArns, actions: readonly string[]): PolicyStatement[] {
  return [
    new PolicyStatement({ actions: [...actions], resources: [arns.tableArn] }),
    // Indexes only serve Query (and Scan, which nobody gets).
    new PolicyStatement({ actions: ['dynamodb:Query'], resources: arns.indexArns }),
  ];
}

export function queryTableStatements(arns: TableArns): PolicyStatement[] {
  return tableStatements(arns, QUERY_TABLE_ACTIONS);
}

export function ingestTableStatements(arns: TableArns): PolicyStatement[] {
  return tableStatements(arns, INGEST_TABLE_ACTIONS);
}

export function editorTableStatements(arns: TableArns): PolicyStatement[] {
  return tableStatements(arns, EDITOR_TABLE_ACTIONS);
}

export function reindexTableStatements(arns: TableArns): PolicyStatement[] {
  return [new PolicyStatement({ actions: [...REINDEX_TABLE_ACTIONS], resources: [arns.tableArn] })];
}
