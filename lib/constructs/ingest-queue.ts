import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { QUEUE } from '../../functions/shared/resources';

/**
 * The queue between the bucket's events and the ingest function, with a dead-letter queue
 * for messages that failed QUEUE.maxReceiveCount times (poison files, bugs), so they can be
 * inspected and redriven instead of blocking the queue or vanishing.
 */
export class IngestQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.deadLetterQueue = new Queue(this, 'DeadLetter', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(QUEUE.dlqRetentionDays),
    });

    this.queue = new Queue(this, 'Queue', {
      // SSE-SQS rather than KMS: S3 event delivery into a KMS-encrypted queue needs a
      // customer-managed key with a key policy for s3.amazonaws.com, for no gain here.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(QUEUE.visibilityTimeoutSeconds),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: QUEUE.maxReceiveCount },
    });
  }
}
