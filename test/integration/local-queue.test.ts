import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SQSEvent } from 'aws-lambda';
import { LocalQueue, readDeadLetters, type BatchHandler } from '../../scripts/local/queue';

/** The local SQS + event source mapping stand-in, with a recording handler instead of the ingest Lambda. */

function recorder(decide: (event: SQSEvent, call: number) => string[] | 'throw' = () => []) {
  const calls: SQSEvent[] = [];
  const handler: BatchHandler = async (event) => {
    calls.push(event);
    const failed = decide(event, calls.length);
    if (failed === 'throw') throw new Error('boom');
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  };
  return { calls, handler };
}

const fast = { batchingWindowMs: 20, retryDelayMs: 10 };

describe('local queue', () => {
  it('delivers up to batchSize messages per batch with SQS-shaped records', async () => {
    const { calls, handler } = recorder();
    const queue = new LocalQueue({ handler, ...fast, batchSize: 10, concurrency: 1 });
    for (let i = 0; i < 25; i += 1) queue.send(`m${i}`, { reindex: 'true' });
    queue.start();
    await queue.drained();
    await queue.stop();
    expect(calls.map((c) => c.Records.length)).toEqual([10, 10, 5]);
    const record = calls[0].Records[0];
    expect(record.body).toBe('m0');
    expect(record.eventSource).toBe('aws:sqs');
    expect(record.attributes.ApproximateReceiveCount).toBe('1');
    expect(record.messageAttributes.reindex.stringValue).toBe('true');
    expect(calls.flatMap((c) => c.Records.map((r) => r.body))).toEqual(Array.from({ length: 25 }, (_, i) => `m${i}`));
  });

  it('retries only the messages named in batchItemFailures and counts receives', async () => {
    const { calls, handler } = recorder((event, call) => (call === 1 ? [event.Records[1].messageId] : []));
    const queue = new LocalQueue({ handler, ...fast, concurrency: 1 });
    queue.send('a');
    queue.send('b');
    queue.send('c');
    queue.start();
    await queue.drained();
    await queue.stop();
    expect(calls).toHaveLength(2);
    expect(calls[1].Records.map((r) => [r.body, r.attributes.ApproximateReceiveCount])).toEqual([['b', '2']]);
  });

  it('retries the whole batch when the handler throws, then dead-letters after maxReceiveCount', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'queue-'));
    const deadLetterPath = join(dir, 'dead.jsonl');
    const letters: string[] = [];
    const { calls, handler } = recorder(() => 'throw');
    const queue = new LocalQueue({ handler, ...fast, maxReceiveCount: 3, deadLetterPath, onDeadLetter: (l) => letters.push(l.body) });
    queue.send('x');
    queue.send('y');
    queue.start();
    await queue.drained();
    await queue.stop();
    expect(calls).toHaveLength(3);
    expect(calls.map((c) => c.Records.map((r) => r.attributes.ApproximateReceiveCount))).toEqual([
      ['1', '1'],
      ['2', '2'],
      ['3', '3'],
    ]);
    expect(letters.sort()).toEqual(['x', 'y']);
    const stored = readDeadLetters(deadLetterPath);
    expect(stored.map((l) => [l.body, l.receiveCount, l.lastError])).toEqual([
      ['x', 3, 'boom'],
      ['y', 3, 'boom'],
    ]);
  });

  it('fails the whole batch when batchItemFailures names an unknown message (Lambda rule)', async () => {
    const { calls, handler } = recorder((_, call) => (call === 1 ? ['not-a-message'] : []));
    const queue = new LocalQueue({ handler, ...fast });
    queue.send('a');
    queue.send('b');
    queue.start();
    await queue.drained();
    await queue.stop();
    expect(calls.map((c) => c.Records.length)).toEqual([2, 2]);
  });

  it('treats a batch that outlives the invocation timeout as failed and delivers it again', async () => {
    let call = 0;
    const bodies: string[] = [];
    const handler: BatchHandler = async (event) => {
      call += 1;
      bodies.push(...event.Records.map((r) => `${r.body}#${r.attributes.ApproximateReceiveCount}`));
      if (call === 1) await new Promise((resolve) => setTimeout(resolve, 300));
    };
    const queue = new LocalQueue({ handler, ...fast, invocationTimeoutMs: 50 });
    queue.send('slow');
    queue.start();
    await queue.drained();
    await queue.stop();
    expect(bodies).toEqual(['slow#1', 'slow#2']);
  });

  it('keeps queued and in-flight messages in its journal for the next process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'queue-'));
    const journalPath = join(dir, 'queue.jsonl');
    const first = new LocalQueue({ handler: async () => new Promise(() => {}), ...fast, journalPath, batchSize: 1, concurrency: 1 });
    first.send('held');
    first.send('waiting');
    first.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The process "dies": no stop(), the journal is all that is left.
    expect(readFileSync(journalPath, 'utf8')).toContain('held');

    const { calls, handler } = recorder();
    const second = new LocalQueue({ handler, ...fast, journalPath });
    expect(second.size).toBe(2);
    second.start();
    await second.drained();
    await second.stop();
    const delivered = calls.flatMap((c) => c.Records.map((r) => [r.body, r.attributes.ApproximateReceiveCount]));
    expect(delivered.sort()).toEqual([
      ['held', '2'],
      ['waiting', '1'],
    ]);
    expect(new LocalQueue({ handler, journalPath }).size).toBe(0);
  });
});
