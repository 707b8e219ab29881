import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TABLE_NAME_OUTPUT } from '../../functions/shared/resources';
import { backfillRankBuckets } from '../../functions/storage/rank-buckets';
import { tableContext } from '../../functions/storage/table';
import { sdkReindexAws } from './stack-reindex';

export const USAGE = `usage: npm run news -- migrate --stack NAME
  Brings the items of a deployed stack's table up to what this version reads, after an upgrade:
  every entity gets the ranking bucket of its article count (stacks deployed before the
  ranking buckets). Reads the whole table once; safe to run again. AWS credentials and region
  as for the AWS CLI. The local stack (npm start) does this by itself when it starts.`;

/** The calls a migration makes, so it runs against DynamoDB Local in tests. */
export interface MigrateDeps {
  stackOutputs(stackName: string): Promise<Record<string, string>>;
  dynamodb: DynamoDBClient;
  write(line: string): void;
}

export async function runMigrate(stackName: string, deps: MigrateDeps): Promise<number> {
  const tableName = (await deps.stackOutputs(stackName))[TABLE_NAME_OUTPUT];
  if (!tableName) throw new Error(`stack ${stackName} has no ${TABLE_NAME_OUTPUT} output (is it a news-ingest stack?)`);
  deps.write(`filling in ranking buckets in ${tableName} ...`);
  const moved = await backfillRankBuckets(tableContext(deps.dynamodb, tableName));
  deps.write(`done: ${moved} entit${moved === 1 ? 'y' : 'ies'} given the bucket of their count`);
  return 0;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { stack: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.stack === undefined) {
    process.stderr.write(`--stack NAME is required\n${USAGE}\n`);
    return 2;
  }
  const dynamodb = new DynamoDBClient({});
  try {
    return await runMigrate(values.stack, { stackOutputs: sdkReindexAws().stackOutputs, dynamodb, write: (line) => process.stdout.write(`${line}\n`) });
  } finally {
    dynamodb.destroy();
  }
}
