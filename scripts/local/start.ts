/**
 * `npm start`: the local stack in the foreground. Ctrl-C stops it cleanly; data stays under
 * DATA_DIR for the next start.
 */
import { mkdirSync } from 'node:fs';
import { dataPaths, localConfig, localSettingsHelp } from './config';
import { acquireLock, ownLock, releaseLock, writeLock } from './lock';
import { readDeadLetters } from './queue';
import { startLocalStack, type LocalStack } from './stack';

const log = (line: string) => process.stderr.write(`[local] ${line}\n`);

function banner(stack: LocalStack): string {
  const env = stack.env;
  const exports = [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_REGION',
    'AWS_ENDPOINT_URL_S3',
    'AWS_ENDPOINT_URL_DYNAMODB',
    'AWS_REQUEST_CHECKSUM_CALCULATION',
    'AWS_RESPONSE_CHECKSUM_VALIDATION',
  ]
    .map((name) => `${name}=${env[name]}`)
    .join(' ');
  const { api, s3, dynamodb } = stack.endpoints;
  const bucket = stack.config.bucketName;
  return [
    '',
    'news-ingest local stack is running',
    `  query API     ${api}          (GET /health /articles /entities?q= /status?key= ...)`,
    `  explorer ${api}/   (the browser UI: search, entities, articles, ingest status)`,
    `  editor token  ${env.EDITOR_TOKEN}   (POST /entities/{id}/merge|split|rename|suppress with -H 'authorization: Bearer <token>')`,
    `  S3 (s3rver)   ${s3}          bucket ${bucket}`,
    `  DynamoDB      ${dynamodb}          table ${stack.config.tableName}`,
    `  data          ${stack.config.dataDir}`,
    '',
    'Client environment:',
    `  export ${exports}`,
    '',
    'Try:',
    '  npm run news -- put test/fixtures/articles --wait',
    `  aws s3 cp article.txt s3://${bucket}/inbox/article.txt   # with the environment above`,
    `  curl -s '${api}/articles'`,
    `  curl -s '${api}/entities?q=wla'`,
    `  curl -s '${api}/status?key=inbox/article.txt'`,
    `  npm run news -- status --dead-letters`,
    '',
    'Settings (env var=default):',
    ...localSettingsHelp().map((line) => `  ${line}`),
    'Ctrl-C stops the stack; the data stays for the next `npm start` (`npm run reset` clears it).',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const config = localConfig();
  mkdirSync(config.dataDir, { recursive: true });
  const paths = dataPaths(config.dataDir);
  acquireLock(paths.lock, config.dataDir, log);

  const earlier = readDeadLetters(paths.deadLetters);
  if (earlier.length) log(`WARNING: ${earlier.length} message(s) in the dead-letter record ${paths.deadLetters} (npm run news -- status --dead-letters)`);

  let stack: LocalStack | undefined;
  let starting: Promise<LocalStack> | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      log(`${signal} again: exiting without waiting`);
      process.exit(130);
    }
    stopping = true;
    log(`${signal}: stopping (finishing running batches, keeping queued messages for the next start)`);
    // A signal during start-up waits for it, so DynamoDB Local is not left running.
    const started = await starting?.catch(() => undefined);
    await (stack ?? started)?.stop();
    releaseLock(paths.lock);
    log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    starting = startLocalStack({
      config,
      persistDynamoDb: !config.dynamoDbInMemory,
      log,
      onDynamoDbStarted: (pid) => writeLock(paths.lock, ownLock(pid)),
      onDeadLetter: (letter) =>
        log(`WARNING: message ${letter.messageId} moved to the dead-letter record after ${letter.receiveCount} receives: ${letter.lastError ?? ''}`),
    });
    stack = await starting;
  } catch (error) {
    releaseLock(paths.lock);
    throw error;
  }
  if (stopping) return;
  writeLock(paths.lock, ownLock(stack.dynamoDbPid, stack.endpoints.api));
  process.stdout.write(banner(stack));
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
