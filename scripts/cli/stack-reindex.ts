import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  ListMapRunsCommand,
  RedriveExecutionCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { z } from 'zod';
import { parseS3Uri, ReindexInput, resultsManifestKey } from '../../functions/reindex/plan';
import { REINDEX_OUTPUTS } from '../../functions/shared/resources';

/**
 * `npm run news -- reindex --stack <name>`: starts (or redrives) the deployed stack's reindex
 * state machine and follows it to a final report. Every AWS call goes through ReindexAws, so
 * the flow is tested without a network and the SDK adapter stays a thin mapping.
 */

export const ITEM_COUNT_FIELDS = ['pending', 'running', 'succeeded', 'failed', 'timedOut', 'aborted', 'total'] as const;
export type ItemCounts = Record<(typeof ITEM_COUNT_FIELDS)[number], number>;

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';

export interface ExecutionState {
  status: ExecutionStatus;
  stateMachineArn: string;
  error?: string;
  cause?: string;
}

export interface MapRunState {
  status: string;
  items: ItemCounts;
}

/** The AWS calls of a stack reindex. */
export interface ReindexAws {
  stackOutputs(stackName: string): Promise<Record<string, string>>;
  startExecution(stateMachineArn: string, name: string, input: string): Promise<string>;
  redriveExecution(executionArn: string): Promise<void>;
  describeExecution(executionArn: string): Promise<ExecutionState>;
  /** Map Runs of the execution, newest first. */
  mapRuns(executionArn: string): Promise<string[]>;
  describeMapRun(mapRunArn: string): Promise<MapRunState>;
  /** An object's body parsed as JSON; undefined when it does not exist. */
  readJson(bucket: string, key: string): Promise<unknown>;
}

const ExecutionStatusSchema = z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE']);

/** The adapter over the SDK clients (region and credentials resolved by the SDK as usual). */
export function sdkReindexAws(clients = { cfn: new CloudFormationClient({}), sfn: new SFNClient({}), s3: new S3Client({}) }): ReindexAws {
  const { cfn, sfn, s3 } = clients;
  return {
    async stackOutputs(stackName) {
      const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
      const outputs = Stacks?.[0]?.Outputs ?? [];
      return Object.fromEntries(outputs.filter((o) => o.OutputKey && o.OutputValue).map((o) => [o.OutputKey!, o.OutputValue!]));
    },
    async startExecution(stateMachineArn, name, input) {
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input }));
      if (!executionArn) throw new Error('StartExecution returned no execution ARN');
      return executionArn;
    },
    async redriveExecution(executionArn) {
      await sfn.send(new RedriveExecutionCommand({ executionArn }));
    },
    async describeExecution(executionArn) {
      const out = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return { status: ExecutionStatusSchema.parse(out.status), stateMachineArn: out.stateMachineArn ?? '', error: out.error, cause: out.cause };
    },
    async mapRuns(executionArn) {
      const { mapRuns } = await sfn.send(new ListMapRunsCommand({ executionArn }));
      return [...(mapRuns ?? [])].sort((a, b) => (b.startDate?.getTime() ?? 0) - (a.startDate?.getTime() ?? 0)).map((run) => run.mapRunArn!);
    },
    async describeMapRun(mapRunArn) {
      const out = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
      const counts = (out.itemCounts ?? {}) as Partial<Record<(typeof ITEM_COUNT_FIELDS)[number], number>>;
      return {
        status: out.status ?? 'UNKNOWN',
        items: Object.fromEntries(ITEM_COUNT_FIELDS.map((field) => [field, Number(counts[field] ?? 0)])) as ItemCounts,
      };
    },
    async readJson(bucket, key) {
      try {
        const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return JSON.parse((await Body?.transformToString()) ?? 'null');
      } catch (error) {
        if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
  };
}

export interface StackReindexOptions {
  stack: string;
  rate?: number;
  prefix?: string;
  inventory?: string;
  tolerate?: number;
  resume?: string;
  wait: boolean;
  pollMs?: number;
}

export interface Output {
  info(line: string): void;
  progress(counts: ItemCounts, status: string): void;
  done(): void;
}

const TERMINAL: ReadonlySet<ExecutionStatus> = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

/** The execution input from the command's options, checked with the state machine's own schema before anything starts. */
export function executionInput(options: Pick<StackReindexOptions, 'rate' | 'prefix' | 'inventory' | 'tolerate'>): ReindexInput {
  let inventory: { bucket: string; key: string } | undefined;
  if (options.inventory !== undefined) {
    inventory = parseS3Uri(options.inventory);
    if (!inventory) throw new Error(`--inventory: expected s3://bucket/key/manifest.json, got ${options.inventory}`);
  }
  const input: ReindexInput = {
    ...(options.prefix ? { prefix: options.prefix } : {}),
    ...(options.rate !== undefined ? { rate: options.rate } : {}),
    ...(inventory ? { inventory } : {}),
    ...(options.tolerate !== undefined ? { toleratedFailurePercentage: options.tolerate } : {}),
  };
  const parsed = ReindexInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join('.') || 'input'}: ${issue.message}`);
  }
  return input;
}

/** `<state machine name>` of a state machine ARN, `<name>` of an execution ARN's state machine. */
const stateMachineName = (arn: string) => arn.split(':')[6] ?? '';

async function outputOf(aws: ReindexAws, stack: string): Promise<{ stateMachineArn: string; bucket: string }> {
  const outputs = await aws.stackOutputs(stack);
  const stateMachineArn = outputs[REINDEX_OUTPUTS.stateMachineArn];
  const bucket = outputs[REINDEX_OUTPUTS.bucketName];
  if (!stateMachineArn || !bucket) {
    throw new Error(`stack ${stack} has no ${REINDEX_OUTPUTS.stateMachineArn} output: deploy this version of the stack first (npm run deploy)`);
  }
  return { stateMachineArn, bucket };
}

/** Starts or redrives, then (unless told not to) follows the execution; the exit code says whether every item succeeded. */
export async function runStackReindex(aws: ReindexAws, options: StackReindexOptions, out: Output, now: () => Date = () => new Date()): Promise<number> {
  const { stateMachineArn, bucket } = await outputOf(aws, options.stack);
  let executionArn: string;
  if (options.resume) {
    executionArn = options.resume;
    const execution = await aws.describeExecution(executionArn);
    if (stateMachineName(execution.stateMachineArn) !== stateMachineName(stateMachineArn)) {
      throw new Error(`--resume: ${executionArn} is not an execution of the reindex state machine of stack ${options.stack}`);
    }
    if (execution.status === 'SUCCEEDED') {
      out.info('that run succeeded: nothing to redrive (start a new run to reindex again)');
      return 0;
    }
    if (execution.status === 'RUNNING') out.info(`still running: following ${executionArn}`);
    else {
      await aws.redriveExecution(executionArn);
      out.info(`redriving ${executionArn} (${execution.status}): only batches that failed or never ran are sent again`);
    }
  } else {
    const input = executionInput(options);
    const name = `reindex-${now().toISOString().replace(/[:.]/g, '-')}`;
    executionArn = await aws.startExecution(stateMachineArn, name, JSON.stringify(input));
    out.info(`started ${executionArn}`);
  }
  if (!options.wait) return 0;
  const code = await follow(aws, executionArn, bucket, out, options.pollMs ?? 5000);
  const { status } = await aws.describeExecution(executionArn);
  if (status === 'FAILED' || status === 'ABORTED' || status === 'TIMED_OUT') {
    out.info(`redrive it (sends only what failed or never ran): npm run news -- reindex --stack ${options.stack} --resume ${executionArn}`);
  }
  return code;
}

async function follow(aws: ReindexAws, executionArn: string, bucket: string, out: Output, pollMs: number): Promise<number> {
  let execution = await aws.describeExecution(executionArn);
  let mapRun: { arn: string; state: MapRunState } | undefined;
  for (;;) {
    const [arn] = await aws.mapRuns(executionArn);
    if (arn) {
      mapRun = { arn, state: await aws.describeMapRun(arn) };
      out.progress(mapRun.state.items, mapRun.state.status);
    }
    if (TERMINAL.has(execution.status)) break;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    execution = await aws.describeExecution(executionArn);
  }
  out.done();
  return report(aws, execution, mapRun, bucket, out);
}

/** One child execution (a batch) as the ResultWriter records it. */
const ResultEntry = z.object({
  Status: z.string().optional(),
  Input: z.string().optional(),
  Output: z.string().optional(),
  Error: z.string().optional(),
  Cause: z.string().optional(),
});
const ResultFile = z.array(ResultEntry);
const Manifest = z.object({
  ResultFiles: z.object({
    FAILED: z.array(z.object({ Key: z.string(), Size: z.number().optional() })).default([]),
    SUCCEEDED: z.array(z.object({ Key: z.string(), Size: z.number().optional() })).default([]),
    PENDING: z.array(z.object({ Key: z.string() })).default([]),
  }),
});
const BatchOutput = z.object({ reindexed: z.number(), new: z.number(), skipped: z.record(z.string(), z.number()) });
const BatchItems = z.object({ Items: z.array(z.object({ Key: z.string() }).passthrough()) });

/** Result files up to this size are read for the per-outcome totals; larger runs are reported from the item counts alone. */
const SUCCEEDED_READ_LIMIT_BYTES = 50 * 1024 * 1024;
const FAILURES_SHOWN = 10;

async function report(
  aws: ReindexAws,
  execution: ExecutionState,
  mapRun: { arn: string; state: MapRunState } | undefined,
  bucket: string,
  out: Output,
): Promise<number> {
  out.info(`execution ${execution.status}${execution.error ? `: ${execution.error}${execution.cause ? ` (${execution.cause.slice(0, 300)})` : ''}` : ''}`);
  if (!mapRun) {
    out.info('no object was listed (the run stopped before its Distributed Map started)');
    return execution.status === 'SUCCEEDED' ? 0 : 1;
  }
  const items = mapRun.state.items;
  out.info(
    `objects: ${items.total} listed, ${items.succeeded} sent, ${items.failed} failed, ${items.timedOut} timed out, ${items.aborted} aborted, ${items.pending + items.running} not finished`,
  );
  const manifestKey = resultsManifestKey(mapRun.arn);
  const manifest = Manifest.safeParse(await aws.readJson(bucket, manifestKey));
  if (!manifest.success) {
    out.info(`no result manifest at s3://${bucket}/${manifestKey} (yet)`);
  } else {
    const succeeded = manifest.data.ResultFiles.SUCCEEDED;
    const size = succeeded.reduce((sum, file) => sum + (file.Size ?? 0), 0);
    if (size <= SUCCEEDED_READ_LIMIT_BYTES) {
      const totals = { reindexed: 0, new: 0, skipped: {} as Record<string, number> };
      for (const file of succeeded) {
        for (const entry of ResultFile.safeParse(await aws.readJson(bucket, file.Key)).data ?? []) {
          const output = BatchOutput.safeParse(safeJson(entry.Output));
          if (!output.success) continue;
          totals.reindexed += output.data.reindexed;
          totals.new += output.data.new;
          for (const [reason, n] of Object.entries(output.data.skipped)) totals.skipped[reason] = (totals.skipped[reason] ?? 0) + n;
        }
      }
      const skipped = Object.entries(totals.skipped).map(([reason, n]) => `${n} ${reason}`);
      out.info(
        `sent: ${totals.reindexed} reindexed with their stored sequencer, ${totals.new} never ingested before${skipped.length ? `; skipped: ${skipped.join(', ')}` : ''}`,
      );
    }
    let shown = 0;
    for (const file of manifest.data.ResultFiles.FAILED) {
      for (const entry of ResultFile.safeParse(await aws.readJson(bucket, file.Key)).data ?? []) {
        if (shown++ >= FAILURES_SHOWN) continue;
        const keys = BatchItems.safeParse(safeJson(entry.Input)).data?.Items.map((item) => item.Key) ?? [];
        out.info(
          `failed batch of ${keys.length} object(s)${keys[0] ? ` from ${keys[0]}` : ''}: ${entry.Error ?? 'error'} ${(entry.Cause ?? '').slice(0, 200)}`.trim(),
        );
      }
    }
    if (shown > FAILURES_SHOWN) out.info(`... and ${shown - FAILURES_SHOWN} more failed batch(es)`);
    out.info(`results: s3://${bucket}/${manifestKey}`);
  }
  const clean = execution.status === 'SUCCEEDED' && items.failed + items.timedOut + items.aborted === 0;
  return clean ? 0 : 1;
}

function safeJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
