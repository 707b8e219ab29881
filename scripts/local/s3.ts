import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';
import type { S3Event } from 'aws-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './config';

export interface LocalS3 {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** s3rver on 127.0.0.1 with the bucket created; `onEvent` receives its (s3rver-shaped) event notifications. */
export async function startLocalS3(options: { port: number; directory: string; bucket: string; onEvent: (event: S3Event) => void }): Promise<LocalS3> {
  mkdirSync(options.directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    directory: options.directory,
    silent: true,
    configureBuckets: [{ name: options.bucket }],
  });
  server.on('event', (event: S3Event) => options.onEvent(event));
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    port: address.port,
    stop: async () => {
      const closing = server.close();
      // Keep-alive connections from SDK clients would otherwise hold close() open.
      server.httpServer?.closeAllConnections();
      await closing;
    },
  };
}

/**
 * An S3 client for s3rver: path-style addressing (the bucket is not a DNS name here) and
 * checksums only when required, since s3rver stores aws-chunked uploads with their framing.
 */
export function localS3Client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: LOCAL_REGION,
    forcePathStyle: true,
    credentials: { ...LOCAL_CREDENTIALS },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
