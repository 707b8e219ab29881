import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, EventType, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface ArticleBucketProps {
  /** Explicit name; undefined lets CloudFormation generate one (bucket names are global). */
  bucketName?: string;
}

/**
 * The bucket articles are dropped into, plus the bucket its server access logs go to.
 * Articles are the pipeline's source of truth (the table can be rebuilt from them), so the
 * bucket is versioned and retained when the stack is deleted.
 */
export class ArticleBucket extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: ArticleBucketProps = {}) {
    super(scope, id);

    this.accessLogs = new Bucket(this, 'AccessLogs', {
      // Log delivery only supports SSE-S3 on the target bucket.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log target bucket; logging its own access would recurse into itself.',
    });

    this.bucket = new Bucket(this, 'Articles', {
      bucketName: props.bucketName,
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'articles/',
      // Superseded versions are only kept as a safety net against accidental overwrites.
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** Every object created or removed becomes one message on the queue. */
  notify(queue: IQueue): void {
    const destination = new SqsDestination(queue);
    this.bucket.addEventNotification(EventType.OBJECT_CREATED, destination);
    this.bucket.addEventNotification(EventType.OBJECT_REMOVED, destination);
  }
}
