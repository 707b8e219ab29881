import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

/** SQS -> ingest. Filled in below; the signature is what the CDK stack and local stack call. */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  return { batchItemFailures: event.Records.map((record) => ({ itemIdentifier: record.messageId })) };
}
