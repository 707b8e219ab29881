import { Logger } from '@aws-lambda-powertools/logger';
import { type SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { articleIdFor } from '../../../functions/core/records';
import { createReindexHandler } from '../../../functions/reindex/handler';
import type { QueueMessage } from '../../../functions/reindex/messages';
import { planReindex } from '../../../functions/reindex/plan';
import { processBatch, type ProcessorDeps } from '../../../functions/reindex/processor';
import { SqsSender } from '../../../functions/reindex/sender';
import type { StoredClaim } from '../../../functions/storage/reindex-source';

const BUCKET = 'news-articles';
const STORED = '0000000000000000005F3E1A2B3C4D5E';

/** A clock that only moves when the processor sleeps, so pacing is measured exactly. */
function fakeDeps(claims: Map<string, StoredClaim> = new Map()) {
  let clock = 1_000_000;
  const sends: Array<{ at: number; messages: readonly QueueMessage[] }> = [];
  const lookups: string[][] = [];
  const deps: ProcessorDeps = {
    bucket: BUCKET,
    readClaims: async (ids) => {
      lookups.push(ids);
      return new Map([...claims].filter(([id]) => ids.includes(id)));
    },
    sender: { send: async (messages) => void sends.push({ at: clock, messages }) },
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
  };
  return { deps, sends, lookups, elapsed: () => clock - 1_000_000 };
}

describe('processBatch', () => {
  it('sends one message per object in groups of ten, paced to the per-worker rate', async () => {
    const { deps, sends, elapsed } = fakeDeps();
    const items = Array.from({ length: 25 }, (_, i) => ({ Key: `k${i}.txt`, Size: 1 }));
    const plan = { ...planReindex({ rate: 5 }, { inventoryBucket: 'ops' }) };
    const summary = await processBatch(deps, { items, plan });
    expect(summary).toEqual({ items: 25, reindexed: 0, new: 25, skipped: {} });
    expect(sends.map((send) => send.messages.length)).toEqual([10, 10, 5]);
    // 5 objects/s: the second group is due 2 s in, the third 4 s in, and the batch lasts 5 s.
    expect(sends.map((send) => send.at - 1_000_000)).toEqual([0, 2000, 4000]);
    expect(elapsed()).toBe(5000);
  });

  it('reads the stored claims of exactly the batch and re-sends with them', async () => {
    const claims = new Map([[articleIdFor(BUCKET, 'a.txt'), { state: 'processed' as const, sequencer: STORED }]]);
    const { deps, sends, lookups } = fakeDeps(claims);
    const plan = planReindex({ rate: 1000 }, { inventoryBucket: 'ops' });
    const summary = await processBatch(deps, { items: [{ Key: 'a.txt' }, { Key: 'b.txt' }], plan });
    expect(lookups).toEqual([[articleIdFor(BUCKET, 'a.txt'), articleIdFor(BUCKET, 'b.txt')]]);
    expect(summary).toMatchObject({ reindexed: 1, new: 1 });
    const bodies = sends.flatMap((send) => send.messages).map((message) => JSON.parse(message.body).Records[0].s3.object.sequencer);
    expect(bodies).toEqual([STORED, '0']);
  });

  it('fails the batch when sending fails, so the Map retries it (re-sends are deduplicated by the handler)', async () => {
    const { deps } = fakeDeps();
    deps.sender = {
      send: async () => {
        throw new Error('throttled');
      },
    };
    await expect(processBatch(deps, { items: [{ Key: 'a' }], plan: planReindex({}, { inventoryBucket: 'ops' }) })).rejects.toThrow('throttled');
  });
});

describe('reindex handler', () => {
  const handler = createReindexHandler({ deps: fakeDeps().deps, inventoryBucket: 'ops', logger: new Logger({ logLevel: 'SILENT' }) });

  it('plans from the execution input and refuses one it cannot plan', async () => {
    await expect(handler({ action: 'plan', input: { rate: 50 } })).resolves.toMatchObject({ rate: 50, concurrency: 1 });
    await expect(handler({ action: 'plan', input: { rate: -1 } })).rejects.toMatchObject({ name: 'InvalidReindexInput' });
  });

  it('refuses events of any other shape, and a batch whose plan was tampered with', async () => {
    await expect(handler({ Items: [] })).rejects.toThrow(/not a reindex event/);
    await expect(handler({ action: 'process', items: [], plan: { rate: 1 } })).rejects.toThrow(/not a reindex event/);
    const plan = planReindex({}, { inventoryBucket: 'ops' });
    await expect(handler({ action: 'process', items: [], plan: { ...plan, concurrency: 10_000 } })).rejects.toThrow(/not a reindex event/);
    await expect(handler({ action: 'process', items: [], plan })).resolves.toEqual({ items: 0, reindexed: 0, new: 0, skipped: {} });
  });
});

describe('SqsSender', () => {
  /** An SQS client whose requests never leave the process: a middleware answers them. */
  function stubbedSqs(answer: (input: SendMessageBatchCommand['input']) => object) {
    const client = new SQSClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    const requests: Array<SendMessageBatchCommand['input']> = [];
    client.middlewareStack.add(
      (_next, context) => async (args) => {
        if (context.commandName !== 'SendMessageBatchCommand') throw new Error(`unexpected ${context.commandName}`);
        const input = args.input as SendMessageBatchCommand['input'];
        requests.push(structuredClone(input));
        return { output: { $metadata: {}, ...answer(input) } as never, response: {} };
      },
      { step: 'initialize', name: 'stub' },
    );
    return { client, requests };
  }
  const message = (i: number): QueueMessage => ({ body: `{"n":${i}}`, attributes: i % 2 ? { reindex: 'true' } : {} });

  it('sends ten entries per SendMessageBatch with string attributes', async () => {
    const { client, requests } = stubbedSqs((input) => ({ Successful: input.Entries!.map((e) => ({ Id: e.Id })), Failed: [] }));
    await new SqsSender(client, 'https://sqs/q').send(Array.from({ length: 23 }, (_, i) => message(i)));
    expect(requests.map((r) => r.Entries!.length)).toEqual([10, 10, 3]);
    expect(requests[0]!.QueueUrl).toBe('https://sqs/q');
    expect(requests[0]!.Entries![1]).toEqual({ Id: '1', MessageBody: '{"n":1}', MessageAttributes: { reindex: { DataType: 'String', StringValue: 'true' } } });
    expect(requests[0]!.Entries![0]!.MessageAttributes).toEqual({});
  });

  it('sends again only the entries SQS failed on its side, and gives up on a fault of ours', async () => {
    let calls = 0;
    const { client, requests } = stubbedSqs((input) => {
      calls += 1;
      return calls === 1 ? { Failed: [{ Id: '2', Code: 'InternalError', SenderFault: false }] } : { Successful: input.Entries!.map((e) => ({ Id: e.Id })) };
    });
    await new SqsSender(client, 'q', async () => undefined).send([message(0), message(1), message(2)]);
    expect(requests.map((r) => r.Entries!.map((e) => e.Id))).toEqual([['0', '1', '2'], ['2']]);

    const refused = stubbedSqs(() => ({ Failed: [{ Id: '0', Code: 'InvalidMessageContents', SenderFault: true }] }));
    await expect(new SqsSender(refused.client, 'q', async () => undefined).send([message(0)])).rejects.toThrow(/InvalidMessageContents/);
    const flaky = stubbedSqs(() => ({ Failed: [{ Id: '0', Code: 'InternalError', SenderFault: false }] }));
    await expect(new SqsSender(flaky.client, 'q', async () => undefined).send([message(0)])).rejects.toThrow(/kept failing/);
  });
});
