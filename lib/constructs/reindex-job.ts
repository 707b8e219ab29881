import { type CfnElement, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
  InventoryFormat,
  InventoryFrequency,
  InventoryObjectVersion,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import {
  Choice,
  Condition,
  DefinitionBody,
  DistributedMap,
  type IItemReader,
  ItemBatcher,
  JsonPath,
  ResultWriterV2,
  S3ManifestItemReader,
  S3ObjectsItemReader,
  StateMachine,
  StateMachineType,
  TaskInput,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { INVENTORY_PREFIX, MAX_BATCH_INPUT_BYTES, PROCESSOR_TIMEOUT_SECONDS, RESULTS_FOLDER } from '../../functions/reindex/plan';
import { ENV } from '../../functions/shared/resources';
import { reindexTableStatements, type TableArns } from '../policies/table-access';
import { arnWildcardFinding, bucketObjectsFinding, stateMachineExecutionsFinding } from '../nag-acknowledgements';
import { HandlerFunction } from './handler-function';

/** Labels of the two Distributed Maps: they name the Map Runs and their redrive permissions. */
export const MAP_LABELS = ['Bucket', 'Inventory'] as const;
type MapLabel = (typeof MAP_LABELS)[number];

/** The id S3 Inventory puts into the delivery path: inventory/<bucket>/<id>/<time>/manifest.json. */
export const INVENTORY_ID = 'reindex';

export interface ReindexJobProps {
  articles: Bucket;
  /** Where the job's own bucket logs its access, like the article bucket. */
  accessLogs: IBucket;
  queue: IQueue;
  table: TableArns & { tableName: string };
}

/**
 * A ResultWriter whose permissions end at its prefix: CDK's own grants its actions on every
 * object of the bucket, and the same bucket holds the inventory the job only reads.
 */
class PrefixResultWriter extends ResultWriterV2 {
  constructor(
    private readonly target: IBucket,
    override readonly prefix: string,
  ) {
    super({ bucket: target, prefix });
  }

  override providePolicyStatements(): PolicyStatement[] {
    return [
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'],
        resources: [this.target.arnForObjects(`${this.prefix}/*`)],
      }),
    ];
  }
}

/**
 * Reindex of a deployed stack (e.g. after a model upgrade): a Standard state machine that
 * plans the run from its input (prefix, rate in objects per second, an optional S3 Inventory
 * manifest), then runs a Distributed Map over the bucket's listing or the inventory. Each
 * child execution hands a batch of keys to the processor, which re-sends each object to the
 * ingest queue with its stored sequencer (functions/reindex/). The rate is MaxConcurrencyPath
 * (workers at a time) times the pacing inside each batch; results and a manifest land under
 * results/ in the job bucket; a failed or aborted run can be redriven.
 */
export class ReindexJob extends Construct {
  readonly bucket: Bucket;
  readonly processor: HandlerFunction;
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: ReindexJobProps) {
    super(scope, id);

    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'reindex/',
      lifecycleRules: [
        // A weekly inventory is stale after a week; a few weeks cover a long run and its redrives.
        { prefix: INVENTORY_PREFIX, expiration: Duration.days(30) },
        { prefix: `${RESULTS_FOLDER}/`, expiration: Duration.days(90) },
      ],
      // CloudFormation cannot delete a bucket that still holds objects; the lifecycle empties it.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    props.articles.addInventory({
      inventoryId: INVENTORY_ID,
      destination: { bucket: this.bucket, prefix: INVENTORY_PREFIX.replace(/\/$/, '') },
      frequency: InventoryFrequency.WEEKLY,
      format: InventoryFormat.CSV,
      includeObjectVersions: InventoryObjectVersion.CURRENT,
      optionalFields: ['Size', 'ETag'],
    });

    this.processor = new HandlerFunction(this, 'Processor', {
      entry: 'functions/reindex/handler.ts',
      description: 'news-ingest: plan a reindex, then re-send batches of objects to the ingest queue with their stored sequencers',
      memorySize: 256,
      timeoutSeconds: PROCESSOR_TIMEOUT_SECONDS,
      environment: {
        [ENV.tableName]: props.table.tableName,
        [ENV.bucketName]: props.articles.bucketName,
        [ENV.ingestQueueUrl]: props.queue.queueUrl,
        [ENV.inventoryBucket]: this.bucket.bucketName,
      },
    });
    const role = this.processor.role;
    for (const statement of reindexTableStatements(props.table)) role.addToPrincipalPolicy(statement);
    // SendMessageBatch is authorised as SendMessage; grantSendMessages would add two reads it never makes.
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [props.queue.queueArn] }));

    const plan = new LambdaInvoke(this, 'Plan', {
      comment: 'Validates the execution input and splits its rate into concurrency and per-batch pacing',
      lambdaFunction: this.processor.fn,
      payload: TaskInput.fromObject({ action: 'plan', input: JsonPath.entirePayload }),
      payloadResponseOnly: true,
    });
    const listMap = this.objectMap('Bucket', new S3ObjectsItemReader({ bucket: props.articles, prefix: JsonPath.stringAt('$.prefix') }));
    const inventoryMap = this.objectMap(
      'Inventory',
      new S3ManifestItemReader({ bucketNamePath: JsonPath.stringAt('$.inventory.bucket'), key: JsonPath.stringAt('$.inventory.key') }),
    );
    const source = new Choice(this, 'Source').when(Condition.isPresent('$.inventory'), inventoryMap).otherwise(listMap);

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      comment: 'news-ingest reindex: re-send every object (or those under a prefix) to the ingest queue at a set rate',
      definitionBody: DefinitionBody.fromChainable(plan.next(source)),
    });
    // The inventory reader names its bucket at run time, so CDK grants it nothing: the job
    // bucket's inventory prefix (manifests and the CSV files they list) is all it may read.
    this.stateMachine.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [this.bucket.arnForObjects(`${INVENTORY_PREFIX}*`)] }));

    this.acknowledge();
  }

  /** One Distributed Map over `reader`, each batch of items one invocation of the processor. */
  private objectMap(label: MapLabel, reader: IItemReader): DistributedMap {
    const batch = new LambdaInvoke(this, `${label}Batch`, {
      lambdaFunction: this.processor.fn,
      payload: TaskInput.fromObject({ action: 'process', items: JsonPath.listAt('$.Items'), plan: JsonPath.objectAt('$.BatchInput.plan') }),
      payloadResponseOnly: true,
    });
    // Throttles and timeouts pass; a batch sent twice is harmless (the handler dedupes by sequencer).
    batch.addRetry({ errors: ['States.TaskFailed', 'States.Timeout'], interval: Duration.seconds(10), backoffRate: 2, maxAttempts: 4 });
    return new DistributedMap(this, `${label}Map`, {
      comment: `Every object of the ${label === 'Bucket' ? "bucket's listing" : 'inventory'}, in batches, paced by the plan`,
      label,
      itemReader: reader,
      maxConcurrencyPath: JsonPath.stringAt('$.concurrency'),
      itemBatcher: new ItemBatcher({
        maxItemsPerBatchPath: JsonPath.stringAt('$.batchSize'),
        maxInputBytesPerBatch: MAX_BATCH_INPUT_BYTES,
        batchInput: { 'plan.$': '$' },
      }),
      toleratedFailurePercentagePath: JsonPath.stringAt('$.toleratedFailurePercentage'),
      resultWriterV2: new PrefixResultWriter(this.bucket, RESULTS_FOLDER),
      resultPath: '$.run',
    }).itemProcessor(batch);
  }

  private acknowledge(): void {
    const stateMachine = this.stateMachine.node.defaultChild as CfnElement;
    Validations.of(this.stateMachine).acknowledge(
      {
        id: arnWildcardFinding(this.processor.fn.node.defaultChild as CfnElement, ':*'),
        reason: "CDK's Lambda task grants the processor function and its versions (`<function ARN>:*`); the state machine invokes nothing else.",
      },
      {
        id: bucketObjectsFinding(this.bucket, INVENTORY_PREFIX),
        reason: 'S3 Inventory names its manifests and CSV files by date and id; reads are limited to the inventory prefix of the job bucket.',
      },
      {
        id: bucketObjectsFinding(this.bucket, `${RESULTS_FOLDER}/`),
        reason: 'The ResultWriter names result files by Map Run id; writes are limited to the results prefix of the job bucket.',
      },
      ...[undefined, ...MAP_LABELS].map((label) => ({
        id: stateMachineExecutionsFinding(stateMachine, label),
        reason:
          "CDK's Distributed Map policy: the map starts, describes, stops and redrives child executions of this state machine only, whose ids Step Functions picks at run time.",
      })),
      {
        id: 'AwsSolutions-SF1',
        reason:
          "No CloudWatch Logs for the reindex state machine: log delivery needs logs:*Delivery permissions on Resource '*', which no role of this stack gets; execution history and the Map Run's result files in S3 record every batch.",
      },
      {
        id: 'AwsSolutions-SF2',
        reason: "No X-Ray tracing: it needs xray:Put* on Resource '*', and a batch job of queue sends has no request path worth tracing.",
      },
    );
  }
}
