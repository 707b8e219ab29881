import { PolicyStatement } from 'aws-cdk-lib/aws-iam';

/**
 * DynamoDB permissions written out action by action. The grant* helpers are broader than
 * either function needs: grantReadData includes Scan and `<table>/index/*`, and
 * grantReadWriteData adds DeleteItem on everything. Here every action is one a handler
 * performs, on the table or on the named indexes only.
 */
export interface TableArns {
  tableArn: string;
  indexArns: string[];
}

/** Point reads and queries: what the query API does. */
export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;

/**
 * What ingest does on top of reading: put/update records, batch writes, conditional writes
 * inside transactions (ConditionCheckItem), and DeleteItem because an object-removed event
 * deletes the article's records.
 */
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

/** Indexes only support Query (and Scan, which nobody gets). */
function indexQuery(arns: TableArns): PolicyStatement {
  return new PolicyStatement({ actions: ['dynamodb:Query'], resources: arns.indexArns });
}

export function tableReadStatements(arns: TableArns): PolicyStatement[] {
  return [new PolicyStatement({ actions: [...TABLE_READ_ACTIONS], resources: [arns.tableArn] }), indexQuery(arns)];
}

export function tableReadWriteStatements(arns: TableArns): PolicyStatement[] {
  return [
    new PolicyStatement({ actions: [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS], resources: [arns.tableArn] }),
    indexQuery(arns),
  ];
}
