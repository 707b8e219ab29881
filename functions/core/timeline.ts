/**
 * Timeline buckets from per-day counts: days are summed into the interval they fall in, by
 * publication date in UTC. Weeks start on Monday (ISO 8601), months on the 1st; a bucket is
 * named by its first day, so every interval sorts and charts alike.
 */
export type Interval = 'day' | 'week' | 'month';

export interface DayCount {
  /** YYYY-MM-DD */
  day: string;
  articles: number;
  mentions: number;
}

export interface Bucket {
  /** First day of the interval, YYYY-MM-DD. */
  start: string;
  articles: number;
  mentions: number;
}

/** The first day of the interval a day belongs to. */
export function bucketStart(day: string, interval: Interval): string {
  if (interval === 'day') return day;
  if (interval === 'month') return `${day.slice(0, 7)}-01`;
  const date = new Date(`${day}T00:00:00Z`);
  // getUTCDay: 0 is Sunday; ISO weeks start on Monday.
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10);
}

/** Buckets with articles, oldest first. */
export function bucketDays(days: DayCount[], interval: Interval): Bucket[] {
  const buckets = new Map<string, Bucket>();
  for (const { day, articles, mentions } of days) {
    if (!(articles > 0)) continue;
    const start = bucketStart(day, interval);
    const bucket = buckets.get(start) ?? { start, articles: 0, mentions: 0 };
    bucket.articles += articles;
    bucket.mentions += mentions;
    buckets.set(start, bucket);
  }
  return [...buckets.values()].sort((a, b) => a.start.localeCompare(b.start));
}
