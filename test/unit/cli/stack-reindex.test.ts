import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { resultsManifestKey } from '../../../functions/reindex/plan';
import { REINDEX_OUTPUTS } from '../../../functions/shared/resources';
import {
  executionInput,
  type ExecutionState,
  type ItemCounts,
  type MapRunState,
  type Output,
  type ReindexAws,
  runStackReindex,
  sdkReindexAws,
} from '../../../scripts/cli/stack-reindex';

const SM = 'arn:aws:states:eu-west-1:123456789012:stateMachine:ReindexStateMachine-abc';
const EXECUTION = 'arn:aws:states:eu-west-1:123456789012:execution:ReindexStateMachine-abc:reindex-1';
const MAP_RUN = 'arn:aws:states:eu-west-1:123456789012:mapRun:ReindexStateMachine-abc/Bucket:6dbfba93-bcff-410b-9b5c-abf41ae9eddb';
const BUCKET = 'newsingest-reindexbucket';
const counts = (partial: Partial<ItemCounts>): ItemCounts => ({
  pending: 0,
  running: 0,
  succeeded: 0,
  failed: 0,
  timedOut: 0,
  aborted: 0,
  total: 0,
  ...partial,
});

/** A scripted AWS: each describeExecution / describeMapRun answers the next state of its list (the last one repeats). */
function fakeAws(script: {
  executions: ExecutionState['status'][];
  mapRuns?: MapRunState[];
  objects?: Record<string, unknown>;
  outputs?: Record<string, string>;
}) {
  const calls: string[] = [];
  let execution = 0;
  let mapRun = 0;
  const aws: ReindexAws = {
    stackOutputs: async (stack) => {
      calls.push(`outputs ${stack}`);
      return script.outputs ?? { [REINDEX_OUTPUTS.stateMachineArn]: SM, [REINDEX_OUTPUTS.bucketName]: BUCKET };
    },
    startExecution: async (arn, name, input) => {
      calls.push(`start ${arn} ${name} ${input}`);
      return EXECUTION;
    },
    redriveExecution: async (arn) => void calls.push(`redrive ${arn}`),
    describeExecution: async () => {
      const status = script.executions[Math.min(execution++, script.executions.length - 1)]!;
      return { status, stateMachineArn: SM, ...(status === 'FAILED' ? { error: 'States.ExceedToleratedFailureThreshold', cause: 'too many' } : {}) };
    },
    mapRuns: async () => (script.mapRuns ? [MAP_RUN] : []),
    describeMapRun: async () => script.mapRuns![Math.min(mapRun++, script.mapRuns!.length - 1)]!,
    readJson: async (bucket, key) => {
      calls.push(`read s3://${bucket}/${key}`);
      return script.objects?.[key];
    },
  };
  return { aws, calls };
}

function capture() {
  const lines: string[] = [];
  const progress: Array<[number, string]> = [];
  const out: Output = {
    info: (line) => lines.push(line),
    progress: (items, status) => progress.push([items.succeeded + items.failed, status]),
    done: () => lines.push('<done>'),
  };
  return { out, lines, progress };
}

const options = { stack: 'NewsIngest', wait: true, pollMs: 0 };
const manifestKey = resultsManifestKey(MAP_RUN);

describe('executionInput', () => {
  it("builds the state machine's input and refuses what the state machine would", () => {
    expect(executionInput({})).toEqual({});
    expect(executionInput({ rate: 50, prefix: '2024/', inventory: 's3://ops-bucket/inventory/x/manifest.json', tolerate: 1 })).toEqual({
      rate: 50,
      prefix: '2024/',
      inventory: { bucket: 'ops-bucket', key: 'inventory/x/manifest.json' },
      toleratedFailurePercentage: 1,
    });
    expect(() => executionInput({ rate: 0 })).toThrow(/rate/);
    expect(() => executionInput({ inventory: 'b/manifest.json' })).toThrow(/--inventory/);
    expect(() => executionInput({ inventory: 's3://ops-bucket/other/manifest.json' })).toThrow(/inventory/);
  });
});

describe('runStackReindex', () => {
  it('finds the state machine in the stack outputs, starts it with the input, follows the Map Run and reports the results', async () => {
    const { aws, calls } = fakeAws({
      executions: ['RUNNING', 'RUNNING', 'SUCCEEDED'],
      mapRuns: [
        { status: 'RUNNING', items: counts({ succeeded: 100, running: 50, total: 300 }) },
        { status: 'SUCCEEDED', items: counts({ succeeded: 300, total: 300 }) },
      ],
      objects: {
        [manifestKey]: { ResultFiles: { SUCCEEDED: [{ Key: 'results/x/SUCCEEDED_0.json', Size: 100 }], FAILED: [], PENDING: [] } },
        'results/x/SUCCEEDED_0.json': [
          { Status: 'SUCCEEDED', Output: JSON.stringify({ items: 200, reindexed: 190, new: 5, skipped: { pending: 5 } }) },
          { Status: 'SUCCEEDED', Output: JSON.stringify({ items: 100, reindexed: 100, new: 0, skipped: {} }) },
        ],
      },
    });
    const { out, lines, progress } = capture();
    const code = await runStackReindex(aws, { ...options, rate: 40, prefix: '2024/' }, out, () => new Date('2026-12-01T09:00:00.000Z'));
    expect(code).toBe(0);
    expect(calls[0]).toBe('outputs NewsIngest');
    expect(calls[1]).toBe(`start ${SM} reindex-2026-12-01T09-00-00-000Z {"prefix":"2024/","rate":40}`);
    expect(progress[0]).toEqual([100, 'RUNNING']);
    expect(progress.at(-1)).toEqual([300, 'SUCCEEDED']);
    expect(lines).toContain('objects: 300 listed, 300 sent, 0 failed, 0 timed out, 0 aborted, 0 not finished');
    expect(lines).toContain('sent: 290 reindexed with their stored sequencer, 5 never ingested before; skipped: 5 pending');
    expect(lines).toContain(`results: s3://${BUCKET}/${manifestKey}`);
  });

  it('reports failed batches from the result files, exits 1 and says how to redrive', async () => {
    const { aws } = fakeAws({
      executions: ['FAILED'],
      mapRuns: [{ status: 'FAILED', items: counts({ succeeded: 90, failed: 10, total: 100 }) }],
      objects: {
        [manifestKey]: { ResultFiles: { SUCCEEDED: [], FAILED: [{ Key: 'results/x/FAILED_0.json', Size: 10 }], PENDING: [] } },
        'results/x/FAILED_0.json': [
          { Status: 'FAILED', Error: 'Error', Cause: 'SendMessageBatch kept failing', Input: JSON.stringify({ Items: [{ Key: 'a.txt' }, { Key: 'b.txt' }] }) },
        ],
      },
    });
    const { out, lines } = capture();
    expect(await runStackReindex(aws, options, out)).toBe(1);
    expect(lines).toContain('execution FAILED: States.ExceedToleratedFailureThreshold (too many)');
    expect(lines).toContain('failed batch of 2 object(s) from a.txt: Error SendMessageBatch kept failing');
    expect(lines.at(-1)).toBe(`redrive it (sends only what failed or never ran): npm run news -- reindex --stack NewsIngest --resume ${EXECUTION}`);
  });

  it('redrives a failed run given with --resume, and refuses an execution of another state machine', async () => {
    const { aws, calls } = fakeAws({ executions: ['FAILED', 'SUCCEEDED'], mapRuns: [{ status: 'SUCCEEDED', items: counts({ succeeded: 5, total: 5 }) }] });
    const { out, lines } = capture();
    expect(await runStackReindex(aws, { ...options, resume: EXECUTION }, out)).toBe(0);
    expect(calls).toContain(`redrive ${EXECUTION}`);
    expect(calls.some((call) => call.startsWith('start '))).toBe(false);
    expect(lines[0]).toMatch(/^redriving .* \(FAILED\)/);

    const other = fakeAws({ executions: ['FAILED'], outputs: { [REINDEX_OUTPUTS.stateMachineArn]: `${SM}-other`, [REINDEX_OUTPUTS.bucketName]: BUCKET } });
    await expect(runStackReindex(other.aws, { ...options, resume: EXECUTION }, capture().out)).rejects.toThrow(/not an execution of the reindex state machine/);
  });

  it('does not redrive a succeeded run, and only follows a running one', async () => {
    const succeeded = fakeAws({ executions: ['SUCCEEDED'] });
    expect(await runStackReindex(succeeded.aws, { ...options, resume: EXECUTION }, capture().out)).toBe(0);
    expect(succeeded.calls.some((call) => call.startsWith('redrive'))).toBe(false);
    const running = fakeAws({ executions: ['RUNNING', 'SUCCEEDED'], mapRuns: [{ status: 'SUCCEEDED', items: counts({ succeeded: 1, total: 1 }) }] });
    expect(await runStackReindex(running.aws, { ...options, resume: EXECUTION }, capture().out)).toBe(0);
    expect(running.calls.some((call) => call.startsWith('redrive'))).toBe(false);
  });

  it('starts and returns at once with --no-wait', async () => {
    const { aws, calls } = fakeAws({ executions: ['RUNNING'] });
    const { out, lines } = capture();
    expect(await runStackReindex(aws, { ...options, wait: false }, out)).toBe(0);
    expect(lines).toEqual([`started ${EXECUTION}`]);
    expect(calls).toHaveLength(2);
  });

  it('names the missing output when the stack predates the reindex job', async () => {
    const { aws } = fakeAws({ executions: ['RUNNING'], outputs: { BucketName: 'x' } });
    await expect(runStackReindex(aws, options, capture().out)).rejects.toThrow(REINDEX_OUTPUTS.stateMachineArn);
  });
});

describe('sdkReindexAws', () => {
  /** Clients whose requests never leave the process: an initialize-step middleware answers by command name. */
  function stubbed<T extends CloudFormationClient | SFNClient | S3Client>(client: T, answers: Record<string, () => object>, seen: string[]): T {
    // The three clients' stacks differ only in their input and output types, which a stub does not need.
    (client.middlewareStack as unknown as { add(middleware: unknown, options: object): void }).add(
      (_next: unknown, context: { commandName: string }) => async (args: { input: unknown }) => {
        const answer = answers[context.commandName];
        if (!answer) throw new Error(`unexpected ${context.commandName}`);
        seen.push(`${context.commandName} ${JSON.stringify(args.input)}`);
        return { output: { $metadata: {}, ...answer() }, response: {} };
      },
      { step: 'initialize', name: 'stub' },
    );
    return client;
  }
  const config = { region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } };

  it('maps DescribeStacks, StartExecution, ListMapRuns and DescribeMapRun', async () => {
    const seen: string[] = [];
    const aws = sdkReindexAws({
      cfn: stubbed(
        new CloudFormationClient(config),
        {
          DescribeStacksCommand: () => ({
            Stacks: [{ StackName: 'NewsIngest', Outputs: [{ OutputKey: REINDEX_OUTPUTS.stateMachineArn, OutputValue: SM }, { OutputKey: 'Empty' }] }],
          }),
        },
        seen,
      ),
      sfn: stubbed(
        new SFNClient(config),
        {
          StartExecutionCommand: () => ({ executionArn: EXECUTION, startDate: new Date() }),
          ListMapRunsCommand: () => ({
            mapRuns: [
              { mapRunArn: 'old', startDate: new Date('2026-01-01') },
              { mapRunArn: MAP_RUN, startDate: new Date('2026-02-01') },
            ],
          }),
          DescribeMapRunCommand: () => ({ status: 'RUNNING', itemCounts: { succeeded: 7, failed: 1, total: 20, pending: 12 } }),
          DescribeExecutionCommand: () => ({ status: 'RUNNING', stateMachineArn: SM }),
        },
        seen,
      ),
      s3: stubbed(new S3Client(config), {}, seen),
    });
    expect(await aws.stackOutputs('NewsIngest')).toEqual({ [REINDEX_OUTPUTS.stateMachineArn]: SM });
    expect(await aws.startExecution(SM, 'reindex-1', '{}')).toBe(EXECUTION);
    expect(await aws.mapRuns(EXECUTION)).toEqual([MAP_RUN, 'old']);
    expect(await aws.describeMapRun(MAP_RUN)).toEqual({ status: 'RUNNING', items: counts({ succeeded: 7, failed: 1, total: 20, pending: 12 }) });
    expect(await aws.describeExecution(EXECUTION)).toEqual({ status: 'RUNNING', stateMachineArn: SM, error: undefined, cause: undefined });
    expect(seen).toContain(`StartExecutionCommand {"stateMachineArn":"${SM}","name":"reindex-1","input":"{}"}`);
  });
});
