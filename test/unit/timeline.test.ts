import { describe, expect, it } from 'vitest';
import { bucketDays, bucketStart } from '../../functions/core/timeline';

describe('timeline buckets', () => {
  it('start weeks on Monday and months on the 1st, across year ends', () => {
    expect(bucketStart('2024-05-15', 'day')).toBe('2024-05-15');
    expect(bucketStart('2024-05-15', 'week')).toBe('2024-05-13');
    expect(bucketStart('2024-05-13', 'week')).toBe('2024-05-13');
    expect(bucketStart('2024-05-19', 'week')).toBe('2024-05-13');
    expect(bucketStart('2025-01-01', 'week')).toBe('2024-12-30');
    expect(bucketStart('2024-02-29', 'month')).toBe('2024-02-01');
  });

  it('add up days in their interval, oldest first, and leave out days without articles', () => {
    const days = [
      { day: '2024-05-19', articles: 1, mentions: 4 },
      { day: '2024-05-13', articles: 2, mentions: 3 },
      { day: '2024-05-20', articles: 1, mentions: 1 },
      { day: '2024-05-21', articles: 0, mentions: 0 },
    ];
    expect(bucketDays(days, 'week')).toEqual([
      { start: '2024-05-13', articles: 3, mentions: 7 },
      { start: '2024-05-20', articles: 1, mentions: 1 },
    ]);
    expect(bucketDays(days, 'month')).toEqual([{ start: '2024-05-01', articles: 4, mentions: 8 }]);
    expect(bucketDays(days, 'day').map((b) => b.start)).toEqual(['2024-05-13', '2024-05-19', '2024-05-20']);
  });
});
