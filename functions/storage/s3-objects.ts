import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { RejectedInput, rejectIfTooLarge } from '../core/errors';
import type { RawObject } from '../core/types';
import { MAX_OBJECT_BYTES } from '../shared/resources';

/**
 * Reads article objects. The endpoint comes from AWS_ENDPOINT_URL_S3, which the SDK reads by
 * itself; s3rver (the local stand-in) only understands path-style addressing.
 */
export function createS3Client(): S3Client {
  return new S3Client({ forcePathStyle: process.env.AWS_ENDPOINT_URL_S3 ? true : undefined });
}

function isMissing(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  return name === 'NoSuchKey' || name === 'NotFound' || name === 'NoSuchVersion' || status === 404;
}

export interface ObjectRef {
  bucket: string;
  key: string;
  versionId?: string;
  /** Size from the event, when it gave one: lets oversized objects be rejected without a request. */
  size?: number;
}

/** The key's current version as HeadObject (no versionId) sees it. */
export interface CurrentObject {
  /** Absent on an unversioned bucket (or s3rver). */
  versionId?: string;
  size: number;
  eTag?: string;
}

/**
 * The current version of a key, or undefined when the key does not exist (never did, was
 * deleted, or its current version is a delete marker: S3 answers 404 for all three). Needs
 * s3:GetObject, plus s3:ListBucket so that a missing key answers 404 instead of 403.
 */
export async function headCurrentObject(s3: S3Client, ref: { bucket: string; key: string }): Promise<CurrentObject | undefined> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
    // A versioned bucket marks a delete-marker answer; an unversioned one says 'null' or nothing.
    if (head.DeleteMarker) return undefined;
    const versionId = head.VersionId && head.VersionId !== 'null' ? head.VersionId : undefined;
    return { versionId, size: head.ContentLength ?? 0, eTag: head.ETag };
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/**
 * Fetches an object for parsing. Throws RejectedInput('not-found') when it no longer exists
 * and RejectedInput('too-large') when it exceeds MAX_OBJECT_BYTES, decided before the body is
 * downloaded.
 */
export async function readObject(s3: S3Client, ref: ObjectRef, maxBytes = MAX_OBJECT_BYTES): Promise<RawObject> {
  const versionId = ref.versionId;
  try {
    if (ref.size !== undefined) rejectIfTooLarge(ref.size, maxBytes);
    if (ref.size === undefined) {
      const head = await s3.send(new HeadObjectCommand({ Bucket: ref.bucket, Key: ref.key, VersionId: versionId }));
      rejectIfTooLarge(head.ContentLength ?? 0, maxBytes);
    }
    const response = await s3.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key, VersionId: versionId }));
    const length = response.ContentLength ?? 0;
    if (length > maxBytes) {
      // The object changed since the event; do not download what we will not use.
      (response.Body as { destroy?: () => void } | undefined)?.destroy?.();
      rejectIfTooLarge(length, maxBytes);
    }
    const bytes = response.Body ? await response.Body.transformToByteArray() : new Uint8Array();
    rejectIfTooLarge(bytes.byteLength, maxBytes);
    return {
      key: ref.key,
      bytes,
      contentType: response.ContentType,
      metadata: lowerCaseKeys(response.Metadata),
      lastModified: response.LastModified?.toISOString(),
    };
  } catch (error) {
    if (isMissing(error)) throw new RejectedInput('not-found', 'the object no longer exists');
    throw error;
  }
}

function lowerCaseKeys(metadata: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!metadata) return undefined;
  return Object.fromEntries(Object.entries(metadata).map(([name, value]) => [name.toLowerCase(), value]));
}
