import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { CfnBucket, IBucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';

// CDK creates this singleton Lambda for Custom::S3BucketNotifications under a fixed id.
const BUCKET_NOTIFICATIONS_HANDLER_ID = 'BucketNotificationsHandler050a0587b7544547bf325f094a3db834';

/** The IAM5 finding id for `<bucket ARN>/<prefix>*`, which names the bucket by its logical id. */
export function bucketObjectsFinding(bucket: IBucket, prefix = ''): string {
  return arnWildcardFinding(bucket.node.defaultChild as CfnBucket, `/${prefix}*`);
}

/** The IAM5 finding id for a resource `<resource ARN><suffix>`, e.g. a function's `:*` (its versions). */
export function arnWildcardFinding(resource: CfnElement, suffix: string): string {
  return `AwsSolutions-IAM5[Resource::<${Stack.of(resource).getLogicalId(resource)}.Arn>${suffix}]`;
}

/**
 * The IAM5 finding id for the executions of a state machine (with an optional Distributed
 * Map label), as CDK writes the ARN: the name split out of the state machine's ARN.
 */
export function stateMachineExecutionsFinding(stateMachine: CfnElement, label?: string): string {
  const name = JSON.stringify({ 'Fn::Select': [6, { 'Fn::Split': [':', { Ref: Stack.of(stateMachine).getLogicalId(stateMachine) }] }] });
  return `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${name}${label ? `/${label}` : ''}:*]`;
}

/**
 * Findings on constructs CDK creates for us, where the remedy is not ours to apply.
 * Must run after the bucket notifications exist (the handler is created lazily).
 */
export function acknowledgeCdkInternals(stack: Stack): void {
  const notificationsHandler: IConstruct | undefined = stack.node.tryFindChild(BUCKET_NOTIFICATIONS_HANDLER_ID);
  if (notificationsHandler !== undefined) {
    Validations.of(notificationsHandler).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "CDK's own bucket-notifications custom resource handler: it runs only during deployment, its S3 permission is already scoped to this bucket, and CDK offers no way to replace its log permissions.",
    });
  }
}
