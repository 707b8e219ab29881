import { S3Client } from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localConfig } from './config';

/**
 * Where the CLI sends its requests. By default the local stack (same env vars as `npm start`);
 * AWS_ENDPOINT_URL_S3 / API_URL / BUCKET_NAME point it elsewhere, and `--aws` uses the SDK's
 * own endpoint and credential resolution for a deployed stack.
 */
export interface CliTarget {
  bucket: string;
  apiUrl: string;
  dataDir: string;
  s3(): S3Client;
  local: boolean;
}

export function cliTarget(options: { aws?: boolean; bucket?: string; api?: string } = {}, env: NodeJS.ProcessEnv = process.env): CliTarget {
  const config = localConfig(env);
  const endpoint = env.AWS_ENDPOINT_URL_S3 || (options.aws ? undefined : `http://127.0.0.1:${config.s3Port}`);
  const local = !options.aws;
  return {
    bucket: options.bucket || config.bucketName,
    apiUrl: (options.api || env.API_URL || `http://127.0.0.1:${config.apiPort}`).replace(/\/+$/, ''),
    dataDir: config.dataDir,
    local,
    s3: () =>
      new S3Client({
        ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
        region: env.AWS_REGION || LOCAL_REGION,
        // s3rver accepts only its own keys; a user's AWS keys would be refused there.
        ...(local && !env.AWS_ACCESS_KEY_ID ? { credentials: { ...LOCAL_CREDENTIALS } } : {}),
        // s3rver stores aws-chunked bodies with their framing, so only send checksums when required.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
  };
}

/** Status of one object as the query API reports it. */
export interface ObjectStatus {
  key: string;
  state: string;
  code?: string;
  reason?: string;
  updatedAt?: string;
  articleId?: string;
}

export const FINAL_STATES = new Set(['processed', 'rejected', 'failed', 'deleted']);

/** The key is encoded whole: in a query string `+` means a space, and `&`, `#`, `%` would cut or bend it. */
export function statusUrl(apiUrl: string, key: string): string {
  return `${apiUrl}/status?key=${encodeURIComponent(key)}`;
}

/** GET /status?key=: the status, or undefined for an object the API does not know (404). */
export async function fetchStatus(apiUrl: string, key: string): Promise<ObjectStatus | undefined> {
  const response = await fetch(statusUrl(apiUrl, key));
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`GET /status answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  return (await response.json()) as ObjectStatus;
}
