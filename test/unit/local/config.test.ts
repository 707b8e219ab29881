import { describe, expect, it } from 'vitest';
import { localConfig } from '../../../scripts/local/config';
import { QUEUE } from '../../../functions/shared/resources';

describe('local batching window', () => {
  it('is a setting with a default well under the deployed one', () => {
    expect(localConfig({}).ingestBatchWindowMs).toBeLessThan((QUEUE.maxBatchingWindowSeconds * 1000) / 10);
    expect(localConfig({ INGEST_BATCH_WINDOW_MS: '0' }).ingestBatchWindowMs).toBe(0);
    expect(localConfig({ INGEST_BATCH_WINDOW_MS: '1000' }).ingestBatchWindowMs).toBe(1000);
    expect(() => localConfig({ INGEST_BATCH_WINDOW_MS: 'soon' })).toThrow(/INGEST_BATCH_WINDOW_MS/);
  });
});
