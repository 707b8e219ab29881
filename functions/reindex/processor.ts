import type { StoredClaim } from '../storage/reindex-source';
import { decide, messageFor, statusIdsFor, summarise, type BatchSummary, type ItemSource, type QueueMessage } from './messages';
import type { ReindexPlan } from './plan';
import { SQS_BATCH, type MessageSender } from './sender';

/** What one batch of the Distributed Map needs; the handler wires the real ones, tests the local stack's. */
export interface ProcessorDeps {
  /** The article bucket: items name its objects, and article ids are derived from it. */
  bucket: string;
  readClaims: (articleIds: string[]) => Promise<Map<string, StoredClaim>>;
  sender: MessageSender;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface BatchRequest {
  items: readonly unknown[];
  plan: ReindexPlan;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One batch: read the stored claims, turn the items into messages, and send them paced to
 * the plan's per-worker rate. The batch takes at least items / workerRate seconds, so the
 * Map's `concurrency` batches at a time add up to the requested rate; skipped items count
 * too, which keeps the pacing (and the run's duration) predictable from the object count.
 */
export async function processBatch(deps: ProcessorDeps, request: BatchRequest): Promise<BatchSummary> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? realSleep;
  const started = now();
  const source: ItemSource = request.plan.inventory ? 'inventory' : 'list';
  const options = { bucket: deps.bucket, prefix: request.plan.prefix, source };
  const claims = await deps.readClaims(statusIdsFor(request.items, options));
  const decisions = decide(request.items, claims, options);
  const at = new Date(started);
  const messages = decisions.map((decision) => messageFor(decision, deps.bucket, at)).filter((message): message is QueueMessage => message !== undefined);

  const msPerObject = 1000 / request.plan.workerRate;
  // Items before a message in the batch, so a send waits for the share of skipped items ahead of it too.
  const itemsBefore: number[] = [];
  decisions.forEach((decision, index) => {
    if (decision.kind !== 'skip') itemsBefore.push(index);
  });
  for (let start = 0; start < messages.length; start += SQS_BATCH) {
    const due = started + itemsBefore[start]! * msPerObject;
    const wait = due - now();
    if (wait > 0) await sleep(wait);
    await deps.sender.send(messages.slice(start, start + SQS_BATCH));
  }
  const end = started + decisions.length * msPerObject - now();
  if (end > 0) await sleep(end);
  return summarise(decisions);
}
