import { paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';

export interface ListedObject {
  key: string;
  size: number;
  eTag?: string;
}

/** Every object of the bucket (or under a prefix), page by page. */
export async function* listBucket(client: S3Client, bucket: string, prefix?: string): AsyncGenerator<ListedObject> {
  for await (const page of paginateListObjectsV2({ client, pageSize: 1000 }, { Bucket: bucket, Prefix: prefix || undefined })) {
    for (const object of page.Contents ?? []) {
      if (object.Key === undefined) continue;
      yield { key: object.Key, size: object.Size ?? 0, eTag: object.ETag ? unquote(object.ETag) : undefined };
    }
  }
}

/** S3 quotes ETags in listings and headers but not in event notifications. */
export function unquote(eTag: string): string {
  return eTag.replace(/^"|"$/g, '');
}
