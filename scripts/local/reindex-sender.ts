import type { QueueMessage } from '../../functions/reindex/messages';
import type { MessageSender } from '../../functions/reindex/sender';
import type { LocalQueue } from './queue';

/** The reindex processor's sender on this machine: the local stack's queue stands in for SQS. */
export class LocalQueueSender implements MessageSender {
  constructor(private readonly queue: Pick<LocalQueue, 'send'>) {}

  async send(messages: readonly QueueMessage[]): Promise<void> {
    for (const message of messages) this.queue.send(message.body, message.attributes);
  }
}
