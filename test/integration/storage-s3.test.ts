import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { RejectedInput } from '../../functions/core/errors';
import { createS3Client, headCurrentObject, readObject } from '../../functions/storage/s3-objects';
import { startLocalS3, type LocalS3 } from '../../scripts/local/s3';
import { freePort } from '../support/dynamodb';

const BUCKET = 'reader-test';

describe('S3 object reader against s3rver', () => {
  let server: LocalS3;
  let s3: S3Client;
  let directory: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 's3-reader-'));
    server = await startLocalS3({ port: await freePort(), directory, bucket: BUCKET, onEvent: () => undefined });
    // The handler's client takes its endpoint from the standard variable, as on Lambda.
    Object.assign(process.env, { AWS_ENDPOINT_URL_S3: server.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' });
    s3 = createS3Client();
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'dir/a b+ü.html',
        Body: '<h1>Hallo</h1>',
        ContentType: 'text/html; charset=utf-8',
        Metadata: { Published: '2024-01-02' },
      }),
    );
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'big.txt', Body: 'x'.repeat(2000) }));
  });

  afterAll(async () => {
    s3?.destroy();
    await server?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('reads bytes, content type and user metadata', async () => {
    const raw = await readObject(s3, { bucket: BUCKET, key: 'dir/a b+ü.html', size: 14 });
    expect(Buffer.from(raw.bytes).toString()).toBe('<h1>Hallo</h1>');
    expect(raw).toMatchObject({ key: 'dir/a b+ü.html', contentType: 'text/html; charset=utf-8', metadata: { published: '2024-01-02' } });
  });

  it('rejects a missing object as not-found', async () => {
    await expect(readObject(s3, { bucket: BUCKET, key: 'nope.txt', size: 1 })).rejects.toMatchObject({ code: 'not-found' });
    await expect(readObject(s3, { bucket: BUCKET, key: 'nope.txt' })).rejects.toBeInstanceOf(RejectedInput);
  });

  it('rejects an oversized object from its size, asking S3 when the event gave none', async () => {
    await expect(readObject(s3, { bucket: BUCKET, key: 'big.txt', size: 2000 }, 1000)).rejects.toMatchObject({ code: 'too-large' });
    await expect(readObject(s3, { bucket: BUCKET, key: 'big.txt' }, 1000)).rejects.toMatchObject({ code: 'too-large' });
    // The event under-reported the size: the response's length still stops the download.
    await expect(readObject(s3, { bucket: BUCKET, key: 'big.txt', size: 10 }, 1000)).rejects.toMatchObject({ code: 'too-large' });
  });

  it('answers whether a key still exists, for removal events (s3rver is unversioned: no version id)', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'kept/ö.txt', Body: 'still here' }));
    expect(await headCurrentObject(s3, { bucket: BUCKET, key: 'kept/ö.txt' })).toEqual({ versionId: undefined, size: 10, eTag: expect.any(String) });
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'kept/ö.txt' }));
    expect(await headCurrentObject(s3, { bucket: BUCKET, key: 'kept/ö.txt' })).toBeUndefined();
    expect(await headCurrentObject(s3, { bucket: BUCKET, key: 'never/there.txt' })).toBeUndefined();
  });
});
