import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { requiredEnv } from '../shared/env';
import { ENV } from '../shared/resources';
import { readStoredClaims } from '../storage/reindex-source';
import { tableContext } from '../storage/table';
import type { BatchSummary } from './messages';
import { planReindex, ReindexPlan } from './plan';
import { processBatch, type ProcessorDeps } from './processor';
import { SqsSender } from './sender';

const logger = new Logger({ serviceName: 'reindex' });

/**
 * The state machine calls this function twice over: once with the execution input to plan
 * the run (the input is the user's and is checked here), then once per Distributed Map batch
 * with that batch's items and the plan (ItemBatcher's BatchInput).
 */
export const ReindexEvent = z.discriminatedUnion('action', [
  z.object({ action: z.literal('plan'), input: z.unknown() }),
  z.object({ action: z.literal('process'), items: z.array(z.unknown()).max(10_000), plan: ReindexPlan }),
]);
export type ReindexEvent = z.input<typeof ReindexEvent>;

export interface ReindexHandlerOptions {
  deps: ProcessorDeps;
  inventoryBucket: string;
  logger?: Logger;
}

export function createReindexHandler(options: ReindexHandlerOptions): (event: unknown) => Promise<ReindexPlan | BatchSummary> {
  const log = options.logger ?? logger;
  return async (event) => {
    const parsed = ReindexEvent.safeParse(event);
    // Not the state machine's shape: a bug or a stray invocation, never worth a retry.
    if (!parsed.success) throw new Error(`not a reindex event: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    if (parsed.data.action === 'plan') {
      const plan = planReindex(parsed.data.input, { inventoryBucket: options.inventoryBucket });
      log.info('reindex planned', { ...plan });
      return plan;
    }
    const summary = await processBatch(options.deps, { items: parsed.data.items, plan: parsed.data.plan });
    log.info('reindex batch sent', { ...summary });
    return summary;
  };
}

let defaultHandler: ((event: unknown) => Promise<ReindexPlan | BatchSummary>) | undefined;

/** Clients are created on first use and reused for the life of the execution environment. */
function coldStart() {
  const table = tableContext(new DynamoDBClient({}), requiredEnv(ENV.tableName));
  return createReindexHandler({
    deps: {
      bucket: requiredEnv(ENV.bucketName),
      readClaims: (ids) => readStoredClaims(table, ids),
      sender: new SqsSender(new SQSClient({}), requiredEnv(ENV.ingestQueueUrl)),
    },
    inventoryBucket: requiredEnv(ENV.inventoryBucket),
  });
}

export async function handler(event: unknown): Promise<ReindexPlan | BatchSummary> {
  defaultHandler ??= coldStart();
  return defaultHandler(event);
}
