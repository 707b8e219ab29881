import type { CfnElement } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { INVENTORY_PREFIX, MAX_BATCH_INPUT_BYTES, PROCESSOR_TIMEOUT_SECONDS, ReindexPlan, RESULTS_FOLDER } from '../../functions/reindex/plan';
import { ENV, REINDEX_OUTPUTS } from '../../functions/shared/resources';
import { INVENTORY_ID, MAP_LABELS } from '../../lib/constructs/reindex-job';
import { REINDEX_TABLE_ACTIONS } from '../../lib/policies/table-access';
import { render, synthesize } from './synth';

const { stack, template, resources } = synthesize();
const id = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as CfnElement);

const articlesId = id(stack.articles.bucket);
const jobBucketId = id(stack.reindex.bucket);
const queueId = id(stack.queue.queue);
const tableId = id(stack.table.table);
const processorId = id(stack.reindex.processor.fn);
const processorRoleId = id(stack.reindex.processor.role);
const processorLogsId = id(stack.reindex.processor.logGroup);
const stateMachineId = id(stack.reindex.stateMachine);
const stateMachineRoleId = id(stack.reindex.stateMachine.role);

const propsOf = (resource: { Properties?: Record<string, unknown> } | undefined) => (resource?.Properties ?? {}) as Record<string, any>;
const props = (logicalId: string) => propsOf(resources[logicalId]);
const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Every statement of the identity policies attached to one role, resources rendered. */
function statementsOfRole(roleId: string): Array<{ actions: string[]; resources: string[] }> {
  return Object.values(resources)
    .filter((resource) => resource.Type === 'AWS::IAM::Policy' && list(propsOf(resource).Roles).some((role: any) => role.Ref === roleId))
    .flatMap((resource) => list(propsOf(resource).PolicyDocument.Statement))
    .map((statement: any) => {
      expect(statement.Effect).toBe('Allow');
      return { actions: list<string>(statement.Action).sort(), resources: list(statement.Resource).map(render).sort() };
    });
}

const definition = JSON.parse(render(props(stateMachineId).DefinitionString)) as { StartAt: string; States: Record<string, any> };
const maps = MAP_LABELS.map((label) => [label, definition.States[`${label}Map`]] as const);

describe('reindex state machine definition', () => {
  it('plans first: the processor validates the execution input', () => {
    expect(definition.StartAt).toBe('Plan');
    const plan = definition.States.Plan;
    expect(plan).toMatchObject({ Type: 'Task', Resource: `<${processorId}.Arn>`, Parameters: { action: 'plan', 'input.$': '$' }, Next: 'Source' });
  });

  it('reads an inventory when the input names one, else lists the bucket', () => {
    expect(definition.States.Source).toEqual({
      Type: 'Choice',
      Choices: [{ Variable: '$.inventory', IsPresent: true, Next: 'InventoryMap' }],
      Default: 'BucketMap',
    });
    expect(definition.States.BucketMap.ItemReader).toEqual({
      Resource: 'arn:<AWS::Partition>:states:::s3:listObjectsV2',
      Parameters: { Bucket: `<${articlesId}>`, 'Prefix.$': '$.prefix' },
    });
    expect(definition.States.InventoryMap.ItemReader).toEqual({
      Resource: 'arn:<AWS::Partition>:states:::s3:getObject',
      ReaderConfig: { InputType: 'MANIFEST' },
      Parameters: { 'Bucket.$': '$.inventory.bucket', 'Key.$': '$.inventory.key' },
    });
  });

  it.each(maps)('%s map: distributed, batched, concurrency and tolerance from the plan, results to S3', (label, map) => {
    expect(map.Type).toBe('Map');
    expect(map.Label).toBe(label);
    expect(map.ItemProcessor.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' });
    expect(map.MaxConcurrencyPath).toBe('$.concurrency');
    expect(map.MaxConcurrency).toBeUndefined();
    expect(map.ItemBatcher).toEqual({ MaxItemsPerBatchPath: '$.batchSize', MaxInputBytesPerBatch: MAX_BATCH_INPUT_BYTES, BatchInput: { 'plan.$': '$' } });
    expect(map.ToleratedFailurePercentagePath).toBe('$.toleratedFailurePercentage');
    expect(map.ResultWriter).toEqual({
      Resource: 'arn:<AWS::Partition>:states:::s3:putObject',
      Parameters: { Bucket: `<${jobBucketId}>`, Prefix: RESULTS_FOLDER },
    });
    // The plan stays in the state's output next to the Map Run's ARN and manifest.
    expect(map.ResultPath).toBe('$.run');
    expect(map.End).toBe(true);
  });

  it.each(maps)('%s map: each batch goes to the processor with its items and the plan, retried on failure', (label, map) => {
    const batch = map.ItemProcessor.States[map.ItemProcessor.StartAt];
    expect(map.ItemProcessor.StartAt).toBe(`${label}Batch`);
    expect(batch).toMatchObject({
      Type: 'Task',
      Resource: `<${processorId}.Arn>`,
      Parameters: { action: 'process', 'items.$': '$.Items', 'plan.$': '$.BatchInput.plan' },
      End: true,
    });
    expect(batch.Retry).toContainEqual(expect.objectContaining({ ErrorEquals: ['States.TaskFailed', 'States.Timeout'], MaxAttempts: 4 }));
  });

  it('reads from the plan only fields the plan has', () => {
    const fields = new Set(Object.keys(ReindexPlan.shape));
    for (const [, map] of maps) {
      for (const path of [map.MaxConcurrencyPath, map.ItemBatcher.MaxItemsPerBatchPath, map.ToleratedFailurePercentagePath]) {
        expect(fields.has(path.replace(/^\$\./, '')), path).toBe(true);
      }
    }
    expect(fields.has('prefix') && fields.has('inventory')).toBe(true);
  });

  it('is a Standard state machine whose ARN is a stack output', () => {
    expect(props(stateMachineId).StateMachineType).toBe('STANDARD');
    template.hasOutput(REINDEX_OUTPUTS.stateMachineArn, { Value: { Ref: stateMachineId } });
    template.hasOutput(REINDEX_OUTPUTS.bucketName, { Value: { Ref: jobBucketId } });
  });
});

describe('reindex processor function', () => {
  it('knows the table, the bucket, the ingest queue and the inventory bucket, and outlasts a paced batch', () => {
    const fn = props(processorId);
    expect(fn.Environment.Variables).toMatchObject({
      [ENV.tableName]: { Ref: tableId },
      [ENV.bucketName]: { Ref: articlesId },
      [ENV.ingestQueueUrl]: { Ref: queueId },
      [ENV.inventoryBucket]: { Ref: jobBucketId },
    });
    expect(fn.Timeout).toBe(PROCESSOR_TIMEOUT_SECONDS);
    expect(fn.Architectures).toEqual(['arm64']);
  });
});

describe('reindex IAM', () => {
  it('lets the processor read status items of the table, send to the ingest queue and write its logs, nothing else', () => {
    expect(statementsOfRole(processorRoleId).sort((a, b) => a.actions[0]!.localeCompare(b.actions[0]!))).toEqual([
      { actions: [...REINDEX_TABLE_ACTIONS].sort(), resources: [`<${tableId}.Arn>`] },
      { actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`<${processorLogsId}.Arn>`] },
      { actions: ['sqs:SendMessage'], resources: [`<${queueId}.Arn>`] },
    ]);
  });

  it('lets the state machine list the article bucket, invoke the processor, read inventories and write results under their prefixes', () => {
    const grants = statementsOfRole(stateMachineRoleId).filter((statement) => !statement.actions.some((action) => action.startsWith('states:')));
    expect(grants.sort((a, b) => a.resources[0]!.localeCompare(b.resources[0]!))).toEqual(
      [
        { actions: ['s3:ListBucket'], resources: [`<${articlesId}.Arn>`] },
        { actions: ['lambda:InvokeFunction'], resources: [`<${processorId}.Arn>`, `<${processorId}.Arn>:*`] },
        { actions: ['s3:GetObject'], resources: [`<${jobBucketId}.Arn>/${INVENTORY_PREFIX}*`] },
        {
          actions: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:PutObject'],
          resources: [`<${jobBucketId}.Arn>/${RESULTS_FOLDER}/*`],
        },
      ].sort((a, b) => a.resources[0]!.localeCompare(b.resources[0]!)),
    );
  });

  it("gives the Distributed Map CDK's child-execution permissions on this state machine's executions only", () => {
    const states = statementsOfRole(stateMachineRoleId).filter((statement) => statement.actions.some((action) => action.startsWith('states:')));
    const executions = `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:<select <${stateMachineId}>>`;
    expect(states).toEqual(
      expect.arrayContaining([
        { actions: ['states:StartExecution'], resources: [`<${stateMachineId}>`] },
        { actions: ['states:DescribeExecution', 'states:StopExecution'], resources: [`${executions}:*`] },
        { actions: ['states:RedriveExecution'], resources: MAP_LABELS.map((label) => `${executions}/${label}:*`).sort() },
      ]),
    );
    expect(states).toHaveLength(3);
  });

  it('lets S3 Inventory deliver into the inventory prefix, from the article bucket only', () => {
    const policy = Object.values(resources).find((r) => r.Type === 'AWS::S3::BucketPolicy' && propsOf(r).Bucket.Ref === jobBucketId);
    const delivery = list(propsOf(policy!).PolicyDocument.Statement).find((s: any) => s.Effect === 'Allow') as any;
    expect(delivery.Principal).toEqual({ Service: 's3.amazonaws.com' });
    expect(list(delivery.Action)).toEqual(['s3:PutObject']);
    expect(list(delivery.Resource).map(render)).toContain(`<${jobBucketId}.Arn>/${INVENTORY_PREFIX.replace(/\/$/, '')}*`);
    expect(delivery.Condition).toEqual({ ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [articlesId, 'Arn'] } } });
  });
});

describe('article bucket inventory', () => {
  it('is delivered weekly as CSV with size and ETag into the job bucket, current versions only', () => {
    expect(props(articlesId).InventoryConfigurations).toEqual([
      {
        Id: INVENTORY_ID,
        Enabled: true,
        Destination: { BucketArn: { 'Fn::GetAtt': [jobBucketId, 'Arn'] }, Format: 'CSV', Prefix: INVENTORY_PREFIX.replace(/\/$/, '') },
        IncludedObjectVersions: 'Current',
        ScheduleFrequency: 'Weekly',
        OptionalFields: ['Size', 'ETag'],
      },
    ]);
  });

  it('expires inventories and results, and logs access like the article bucket', () => {
    const bucket = props(jobBucketId);
    expect(bucket.LifecycleConfiguration.Rules).toEqual([
      expect.objectContaining({ Prefix: INVENTORY_PREFIX, ExpirationInDays: 30, Status: 'Enabled' }),
      expect.objectContaining({ Prefix: `${RESULTS_FOLDER}/`, ExpirationInDays: 90, Status: 'Enabled' }),
    ]);
    expect(bucket.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: id(stack.articles.accessLogs) });
  });
});
