import { z } from 'zod';
import { MAX_KEY_BYTES } from '../shared/resources';

/**
 * The execution input of the reindex state machine, and the plan its first state derives
 * from it. The rate the user asks for (objects per second) is split in two: the Distributed
 * Map runs `concurrency` batches at a time (MaxConcurrencyPath), and each batch paces its
 * sends to `workerRate` objects per second, so together they send about `rate` per second.
 */

/** Objects per second when the input names no rate: well below what the ingest function (at most 10 at a time) drains. */
export const DEFAULT_RATE = 25;
export const MIN_RATE = 0.1;
/** Beyond this the ingest queue only grows: its consumer is capped far lower (lib/constructs/ingest-function.ts). */
export const MAX_RATE = 2000;
/**
 * One worker stays well under this even unpaced (a BatchGetItem per 100 objects, a
 * SendMessageBatch per 10); beyond it the Map runs more workers instead.
 */
export const MAX_WORKER_RATE = 100;
export const MAX_CONCURRENCY = 40;
/** How long one batch should take at its paced rate; the processor's timeout leaves room for three. */
export const TARGET_BATCH_SECONDS = 60;
export const PROCESSOR_TIMEOUT_SECONDS = 3 * TARGET_BATCH_SECONDS;
export const MAX_BATCH_ITEMS = 1000;
/**
 * A child execution's input is capped at 256 KiB; the plan rides along as BatchInput, so
 * the items get a little less. Step Functions closes a batch at whichever limit comes first.
 */
export const MAX_BATCH_INPUT_BYTES = 240_000;

/** Where the stack's S3 Inventory of the article bucket is delivered (and the state machine may read). */
export const INVENTORY_PREFIX = 'inventory/';
/**
 * Where the Distributed Map's ResultWriter puts each run's files. Written without the slash:
 * Step Functions adds one, `results/<Map Run id>/manifest.json`.
 */
export const RESULTS_FOLDER = 'results';

/** The ResultWriter's manifest of a Map Run (its ARN ends in `:<Map Run id>`). */
export function resultsManifestKey(mapRunArn: string): string {
  return `${RESULTS_FOLDER}/${mapRunArn.slice(mapRunArn.lastIndexOf(':') + 1)}/manifest.json`;
}

const S3_URI = /^s3:\/\/([^/]+)\/(.+)$/;

/** `s3://bucket/key` of an inventory manifest, as the CLI accepts it. */
export function parseS3Uri(uri: string): { bucket: string; key: string } | undefined {
  const match = S3_URI.exec(uri);
  return match ? { bucket: match[1]!, key: match[2]! } : undefined;
}

const keyPrefix = z
  .string()
  .refine((value) => Buffer.byteLength(value) <= MAX_KEY_BYTES, `prefix longer than ${MAX_KEY_BYTES} bytes`)
  .refine((value) => !/\p{Cc}/u.test(value), 'prefix contains control characters');

export const ReindexInput = z.strictObject({
  prefix: keyPrefix.default(''),
  rate: z.number().finite().min(MIN_RATE).max(MAX_RATE).default(DEFAULT_RATE),
  inventory: z
    .strictObject({
      bucket: z.string().min(3).max(63),
      key: z
        .string()
        .startsWith(INVENTORY_PREFIX, `an inventory manifest lies under ${INVENTORY_PREFIX}`)
        .endsWith('/manifest.json', 'an inventory is named by its manifest.json')
        .max(MAX_KEY_BYTES),
    })
    .optional(),
  /** Share of items that may fail before the run stops. Default 0: a run with failures ends failed, and only a failed run can be redriven. */
  toleratedFailurePercentage: z.number().min(0).max(100).default(0),
});
export type ReindexInput = z.input<typeof ReindexInput>;

export const ReindexPlan = z.strictObject({
  prefix: keyPrefix,
  inventory: z.strictObject({ bucket: z.string(), key: z.string() }).optional(),
  rate: z.number().positive(),
  concurrency: z.number().int().min(1).max(MAX_CONCURRENCY),
  workerRate: z.number().positive(),
  batchSize: z.number().int().min(1).max(MAX_BATCH_ITEMS),
  toleratedFailurePercentage: z.number().min(0).max(100),
});
export type ReindexPlan = z.infer<typeof ReindexPlan>;

/** The input was not what the state machine accepts; the message says what to change. */
export class InvalidReindexInput extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidReindexInput';
  }
}

/**
 * Validates an execution input and splits its rate into concurrency and per-worker pacing.
 * `inventoryBucket` is the only bucket the state machine may read a manifest from.
 */
export function planReindex(input: unknown, options: { inventoryBucket: string }): ReindexPlan {
  const parsed = ReindexInput.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidReindexInput(`${issue.path.join('.') || 'input'}: ${issue.message}`);
  }
  const { prefix, rate, inventory, toleratedFailurePercentage } = parsed.data;
  if (inventory && inventory.bucket !== options.inventoryBucket) {
    throw new InvalidReindexInput(`inventory.bucket: the state machine reads inventories from ${options.inventoryBucket} only`);
  }
  const concurrency = Math.min(MAX_CONCURRENCY, Math.max(1, Math.ceil(rate / MAX_WORKER_RATE)));
  const workerRate = rate / concurrency;
  const batchSize = Math.min(MAX_BATCH_ITEMS, Math.max(1, Math.round(workerRate * TARGET_BATCH_SECONDS)));
  return { prefix, ...(inventory ? { inventory } : {}), rate, concurrency, workerRate, batchSize, toleratedFailurePercentage };
}
