import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueMessage } from './messages';

/** Puts messages on the ingest queue: SQS on AWS, the local stack's in-process queue on this machine. */
export interface MessageSender {
  /** Sends all of `messages` or throws; a repeated send is harmless (the ingest handler dedupes by sequencer). */
  send(messages: readonly QueueMessage[]): Promise<void>;
}

/** SendMessageBatch takes at most this many entries. */
export const SQS_BATCH = 10;
const MAX_ATTEMPTS = 5;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SqsSender implements MessageSender {
  constructor(
    private readonly sqs: Pick<SQSClient, 'send'>,
    private readonly queueUrl: string,
    private readonly wait: (ms: number) => Promise<void> = sleep,
  ) {}

  async send(messages: readonly QueueMessage[]): Promise<void> {
    for (let start = 0; start < messages.length; start += SQS_BATCH) await this.sendBatch(messages.slice(start, start + SQS_BATCH));
  }

  /** Entries SQS reports as failed on its side are sent again with backoff; a fault of ours fails at once. */
  private async sendBatch(batch: readonly QueueMessage[]): Promise<void> {
    let pending = batch.map((message, index) => ({ id: String(index), message }));
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      const response = await this.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: pending.map(({ id, message }) => ({
            Id: id,
            MessageBody: message.body,
            MessageAttributes: Object.fromEntries(
              Object.entries(message.attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]),
            ),
          })),
        }),
      );
      const failed = response.Failed ?? [];
      const ours = failed.find((entry) => entry.SenderFault);
      if (ours) throw new Error(`SendMessageBatch refused a message: ${ours.Code ?? 'error'}: ${ours.Message ?? ''}`.trim());
      const retry = new Set(failed.map((entry) => entry.Id));
      pending = pending.filter(({ id }) => retry.has(id));
      if (pending.length === 0) return;
      if (attempt >= MAX_ATTEMPTS) throw new Error(`SendMessageBatch kept failing for ${pending.length} message(s): ${failed[0]?.Code ?? 'error'}`);
      await this.wait(Math.min(2000, 100 * 2 ** attempt));
    }
  }
}
