import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE, MAX_BATCH_ITEMS, MAX_CONCURRENCY, parseS3Uri, planReindex, ReindexPlan, TARGET_BATCH_SECONDS } from '../../../functions/reindex/plan';

const options = { inventoryBucket: 'ops-bucket' };

describe('planReindex', () => {
  it('defaults to the whole bucket at the default rate, tolerating no failure', () => {
    const plan = planReindex({}, options);
    expect(plan).toMatchObject({ prefix: '', rate: DEFAULT_RATE, concurrency: 1, toleratedFailurePercentage: 0 });
    expect(ReindexPlan.parse(plan)).toEqual(plan);
  });

  it('splits a rate into concurrent workers and per-worker pacing that multiply back to it', () => {
    for (const rate of [0.1, 1, 25, 99, 101, 1000, 2000]) {
      const plan = planReindex({ rate }, options);
      expect(plan.concurrency * plan.workerRate).toBeCloseTo(rate, 9);
      expect(plan.concurrency).toBeLessThanOrEqual(MAX_CONCURRENCY);
      expect(plan.batchSize).toBeGreaterThanOrEqual(1);
      expect(plan.batchSize).toBeLessThanOrEqual(MAX_BATCH_ITEMS);
      // A batch never needs longer than the target at its paced rate (the processor's timeout is three of them).
      expect(plan.batchSize / plan.workerRate).toBeLessThanOrEqual(TARGET_BATCH_SECONDS + 1e-9);
    }
    expect(planReindex({ rate: 1000 }, options)).toMatchObject({ concurrency: 10, workerRate: 100, batchSize: 1000 });
    expect(planReindex({ rate: 0.5 }, options)).toMatchObject({ concurrency: 1, batchSize: 30 });
  });

  it('refuses rates out of range, unknown fields and control characters, naming the field', () => {
    expect(() => planReindex({ rate: 0 }, options)).toThrow(/rate/);
    expect(() => planReindex({ rate: 1e6 }, options)).toThrow(/rate/);
    expect(() => planReindex({ rate: '10' }, options)).toThrow(/rate/);
    expect(() => planReindex({ prefx: 'a' }, options)).toThrow(/prefx|Unrecognized/);
    expect(() => planReindex({ prefix: 'a\nb' }, options)).toThrow(/prefix/);
    expect(() => planReindex({ toleratedFailurePercentage: 101 }, options)).toThrow(/toleratedFailurePercentage/);
    expect(() => planReindex('all', options)).toThrow(/input/);
  });

  it("reads an inventory from the stack's inventory bucket only, by its manifest", () => {
    const inventory = { bucket: 'ops-bucket', key: 'inventory/news/all/2026-11-29T01-00Z/manifest.json' };
    expect(planReindex({ inventory }, options).inventory).toEqual(inventory);
    expect(() => planReindex({ inventory: { ...inventory, bucket: 'other' } }, options)).toThrow(/ops-bucket/);
    expect(() => planReindex({ inventory: { ...inventory, key: 'inventory/x/data/a.csv.gz' } }, options)).toThrow(/manifest/);
    expect(() => planReindex({ inventory: { ...inventory, key: 'secrets/manifest.json' } }, options)).toThrow(/inventory\//);
  });
});

describe('parseS3Uri', () => {
  it('splits bucket and key', () => {
    expect(parseS3Uri('s3://b/inventory/x/manifest.json')).toEqual({ bucket: 'b', key: 'inventory/x/manifest.json' });
    expect(parseS3Uri('https://b/x')).toBeUndefined();
    expect(parseS3Uri('s3://b')).toBeUndefined();
  });
});
