/**
 * AWS list prices the cost benchmark multiplies by: us-east-1, on-demand, no free tier, as
 * published on the pages named beside each and taken on 2026-12-01. Prices change; update
 * them here (and the date) and rerun `npm run bench -- cost`.
 */

/** https://aws.amazon.com/dynamodb/pricing/on-demand/ (2026-12-01): $0.625 per million write request units. */
export const DYNAMODB_WRITE_REQUEST_UNIT = 0.625 / 1e6;
/** Same page: $0.125 per million read request units. */
export const DYNAMODB_READ_REQUEST_UNIT = 0.125 / 1e6;
/** Same page, Standard table class: $0.25 per GB-month beyond the free 25 GB. */
export const DYNAMODB_STORAGE_GB_MONTH = 0.25;
/** Same page, DynamoDB Streams: $0.02 per 100,000 read requests (GetRecords), for a stream-fed design. */
export const DYNAMODB_STREAMS_READ_REQUEST = 0.02 / 100_000;

/** https://aws.amazon.com/lambda/pricing/ (2026-12-01): $0.20 per million requests. */
export const LAMBDA_REQUEST = 0.2 / 1e6;
/** Same page, x86: $0.0000166667 per GB-second (first 6 billion GB-seconds a month). */
export const LAMBDA_GB_SECOND_X86 = 0.0000166667;
/** Same page, Arm (the stack deploys arm64, lib/constructs/handler-function.ts): $0.0000133334 per GB-second (first 7.5 billion). */
export const LAMBDA_GB_SECOND_ARM = 0.0000133334;

/** https://aws.amazon.com/s3/pricing/ (2026-12-01), S3 Standard: $0.005 per 1,000 PUT, COPY, POST, LIST requests. */
export const S3_PUT_REQUEST = 0.005 / 1000;
/** Same page: $0.0004 per 1,000 GET, SELECT and all other requests (HEAD included). */
export const S3_GET_REQUEST = 0.0004 / 1000;

/** https://aws.amazon.com/sqs/pricing/ (2026-12-01), standard queue: $0.40 per million requests (each 64 KB chunk of a payload is one). */
export const SQS_REQUEST = 0.4 / 1e6;

/** https://aws.amazon.com/cloudwatch/pricing/ (2026-12-01), Logs, Standard class: $0.50 per GB ingested. */
export const CLOUDWATCH_LOGS_INGESTED_GB = 0.5;

/** AWS bills storage and log volume in GB of 2^30 bytes. */
export const GB = 1024 ** 3;
