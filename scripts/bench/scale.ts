/**
 * `npm run bench -- scale [--profile FILE] [--target N] [--transaction-ms N] [--corpus DIR]`:
 * how many articles per second AWS could ingest with the current storage design, simulated
 * (nothing runs on AWS) from the per-article write profile `npm run bench -- cost
 * --profile-out FILE` wrote, or from a fresh in-process measurement when no file is given.
 *
 * Limits (Amazon DynamoDB Developer Guide, "Service, account, and table quotas", "On-demand
 * capacity mode", "Best practices for designing and using partition keys"; AWS Lambda
 * Developer Guide, "Lambda quotas"):
 * - one partition serves at most 1,000 write units and 3,000 read units a second, and a single
 *   item can never take more; a partition key value's items share one partition unless
 *   DynamoDB splits them by sort key (split for heat), which it does not do for sort keys
 *   that only grow, such as timestamps;
 * - an on-demand table (and each of its indexes) serves at most 40,000 read and 40,000 write
 *   units a second by default; a new on-demand table serves 4,000 writes and 12,000 reads a
 *   second at once and then up to twice its previous peak, a new peak at most every 30 minutes;
 * - Lambda runs at most 1,000 concurrent executions per region by default, and the stack caps
 *   the ingest event source lower (INGEST_MAX_CONCURRENCY).
 * Transactions on one item cannot overlap: a transaction that meets another on the same item
 * is cancelled (TransactionConflict) and retried, so an item written in a transaction by
 * every article serialises those articles for the length of a transaction.
 *
 * Live news is assumed: keys that differ only by a date are one key (see item-kinds.ts).
 */
import { readFile } from 'node:fs/promises';
import { userPath } from '../cli/user-path';
import { optionValue } from './options';
import type { BenchRow, BenchSection } from './table';
import type { ProfileItem, ProfilePartition, WriteProfile } from './write-profile';

export const LIMITS = {
  partitionWcu: 1000,
  partitionRcu: 3000,
  tableWcu: 40_000,
  tableRcu: 40_000,
  newTableWcu: 4000,
  newTableRcu: 12_000,
  peakDoublingMinutes: 30,
  lambdaRegionalConcurrency: 1000,
} as const;

/**
 * How long a transaction holds its items, for the conflict limit: a TransactWriteItems
 * round trip inside one region. `--transaction-ms` replaces it.
 */
export const DEFAULT_TRANSACTION_MS = 20;

export type ConstraintKind = 'item' | 'partition' | 'transactions' | 'quota' | 'lambda';

export interface Constraint {
  kind: ConstraintKind;
  what: string;
  /** Articles per second at which this limit is reached. */
  rate: number;
  detail: string;
}

export interface ZipfTail {
  /** Partition class the popularity is read from (the shared items' partitions). */
  partitionKind: string;
  exponent: number;
  /** Share of articles that write the most popular partition of the class. */
  topShare: number;
  /** Write units one article spends on one such partition (mean over the class). */
  wcuPerArticle: number;
  /** How many of them exceed the per-partition write limit at the target rate. */
  hotAtTarget: number;
}

export interface ScaleResult {
  constraints: Constraint[];
  /** Bound by DynamoDB alone (partitions, transactions, table quotas). */
  storage: Constraint;
  /** As storage, if DynamoDB split every hot partition down to its items. */
  storageSplit: Constraint;
  /** With the stack's Lambda concurrency cap. */
  deployed: Constraint;
  /** With Lambda's regional default concurrency instead. */
  regional: Constraint;
  zipf?: ZipfTail;
  /** Write units a second the table needs at the target, and the peak doublings a new table needs to get there. */
  warmUp: { wcuAtTarget: number; doublings: number; minutes: number };
  target: number;
}

const share = (articles: number, n: number) => (articles >= n ? 'every article' : `${((articles / n) * 100).toFixed(0)}% of articles`);
const min = (constraints: Constraint[]) => constraints.reduce((a, b) => (b.rate < a.rate ? b : a));

function describeItem(item: ProfileItem, partition: ProfilePartition): string {
  return `${item.kind} item (${partition.id}${partition.dated ? ', current date' : ''})`;
}

/** Least-squares slope of log(share) over log(rank): the Zipf exponent of the popular ranks. */
export function zipfExponent(shares: number[]): number {
  const points = shares.map((s, i) => [Math.log(i + 1), Math.log(s)] as const);
  if (points.length < 3) return 1;
  const mx = points.reduce((a, [x]) => a + x, 0) / points.length;
  const my = points.reduce((a, [, y]) => a + y, 0) / points.length;
  const sxy = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return sxx > 0 ? Math.max(0, -sxy / sxx) : 1;
}

/**
 * Popularity of the shared partitions (the table partitions of the class most articles share,
 * entities in this project) as a Zipf law fitted to the ranks the mix saw more than once, and
 * how many ranks of its tail would each exceed a partition's write limit at `target`.
 */
function zipfTail(profile: WriteProfile, target: number): ZipfTail | undefined {
  const n = profile.articles;
  const classes = new Map<string, ProfilePartition[]>();
  for (const p of profile.partitions) {
    if (p.target === 'table' && p.articles > 1 && p.articles < n && !p.dated) classes.set(p.kind, [...(classes.get(p.kind) ?? []), p]);
  }
  const [kind, partitions] = [...classes].sort(([, a], [, b]) => b.length - a.length)[0] ?? [];
  if (!kind || !partitions) return undefined;
  const ranked = [...partitions].sort((a, b) => b.articles - a.articles);
  const shares = ranked.map((p) => p.articles / n);
  const exponent = zipfExponent(shares);
  const wcuPerArticle = ranked.reduce((a, p) => a + p.wcu, 0) / ranked.reduce((a, p) => a + p.articles, 0);
  const topShare = shares[0]!;
  // share(k) = topShare * k^-s; rank k is hot while target * share(k) * wcu exceeds the limit.
  const load = (target * topShare * wcuPerArticle) / LIMITS.partitionWcu;
  const hotAtTarget = load > 1 ? Math.floor(load ** (1 / Math.max(exponent, 1e-9))) : 0;
  return { partitionKind: kind, exponent, topShare, wcuPerArticle, hotAtTarget };
}

export function simulate(profile: WriteProfile, options: { target: number; transactionMs: number }): ScaleResult {
  const n = profile.articles;
  const constraints: Constraint[] = [];
  // An item only one article of the mix wrote is that article's own: a faster stream writes
  // more such items, not the same one more often.
  const shared = (articles: number) => articles > 1 || n === 1;
  for (const partition of profile.partitions) {
    // A hash shard is shared by its part of all articles, however few of the mix it caught.
    if (!partition.shards && !shared(partition.articles)) continue;
    const label = `partition ${partition.id}${partition.dated ? ' (current date)' : ''}`;
    if (partition.wcu > 0) {
      constraints.push({
        kind: 'partition',
        what: label,
        rate: (LIMITS.partitionWcu * n) / partition.wcu,
        detail: `written by ${share(partition.articles, n)}, ${(partition.wcu / partition.articles).toFixed(1)} WCU each; ${LIMITS.partitionWcu} WCU/s per partition`,
      });
    }
    if (partition.rcu > 0) {
      constraints.push({
        kind: 'partition',
        what: `${label}, reads`,
        rate: (LIMITS.partitionRcu * n) / partition.rcu,
        detail: `read by ${share(partition.articles, n)}, ${(partition.rcu / partition.articles).toFixed(1)} RCU each; ${LIMITS.partitionRcu} RCU/s per partition`,
      });
    }
    for (const item of partition.items) {
      if (!item.shards && !shared(item.articles)) continue;
      if (item.wcu > 0) {
        constraints.push({
          kind: 'item',
          what: describeItem(item, partition),
          rate: (LIMITS.partitionWcu * n) / item.wcu,
          detail: `written by ${share(item.articles, n)}, ${(item.wcu / item.articles).toFixed(1)} WCU each; ${LIMITS.partitionWcu} WCU/s per item`,
        });
      }
      if (item.transactionalWrites > 0) {
        const perArticle = item.transactionalWrites / n;
        constraints.push({
          kind: 'transactions',
          what: `${describeItem(item, partition)} in transactions`,
          rate: 1000 / (options.transactionMs * perArticle),
          detail: `written in transactions by ${share(item.articles, n)}, ${(item.transactionalWrites / item.articles).toFixed(1)} each; transactions on one item run one at a time, ${options.transactionMs} ms each`,
        });
      }
    }
  }
  const quota = (what: string, units: number, limit: number, unit: string) => {
    if (units > 0)
      constraints.push({
        kind: 'quota',
        what,
        rate: limit / units,
        detail: `${units.toFixed(1)} ${unit}/article; ${limit.toLocaleString('en')} ${unit}/s default quota`,
      });
  };
  quota('table writes', profile.totals.tableWcu, LIMITS.tableWcu, 'WCU');
  quota('table reads', profile.totals.tableRcu, LIMITS.tableRcu, 'RCU');
  for (const [index, units] of Object.entries(profile.totals.indexWcu)) quota(`index ${index} writes`, units, LIMITS.tableWcu, 'WCU');

  const seconds = profile.ingest.msPerArticle / 1000;
  const lambda = (concurrency: number, what: string): Constraint => ({
    kind: 'lambda',
    what,
    rate: concurrency / seconds,
    detail: `${concurrency.toLocaleString('en')} concurrent invocations, each working through its batch of up to ${profile.ingest.batchSize} at ${profile.ingest.msPerArticle.toFixed(0)} ms/article`,
  });
  const deployedLambda = lambda(profile.ingest.maxConcurrency, 'Lambda, event source maxConcurrency as deployed');
  const regionalLambda = lambda(LIMITS.lambdaRegionalConcurrency, "Lambda, the region's default concurrency");
  constraints.push(deployedLambda, regionalLambda);
  constraints.sort((a, b) => a.rate - b.rate);

  const dynamo = constraints.filter((c) => c.kind !== 'lambda');
  const storage = min(dynamo);
  const storageSplit = min(dynamo.filter((c) => c.kind !== 'partition'));
  const wcuAtTarget = options.target * (profile.totals.tableWcu + Math.max(0, ...Object.values(profile.totals.indexWcu)));
  const doublings = wcuAtTarget > LIMITS.newTableWcu ? Math.ceil(Math.log2(wcuAtTarget / LIMITS.newTableWcu)) : 0;
  return {
    constraints,
    storage,
    storageSplit,
    deployed: min([storage, deployedLambda]),
    regional: min([storage, regionalLambda]),
    zipf: zipfTail(profile, options.target),
    warmUp: { wcuAtTarget, doublings, minutes: doublings * LIMITS.peakDoublingMinutes },
    target: options.target,
  };
}

const rate = (value: number) => (value >= 100 ? Math.floor(value).toLocaleString('en') : value.toFixed(1));

function summaryRow(benchmark: string, bound: Constraint, note: string): BenchRow {
  return { benchmark, value: rate(bound.rate), unit: 'articles/s', detail: `${note}bound by ${bound.what}: ${bound.detail}` };
}

export function scaleSections(result: ScaleResult, profile: WriteProfile): BenchSection[] {
  const { target } = result;
  const verdict = (bound: Constraint) =>
    bound.rate >= target ? `meets the ${target}/s target; ` : `${((bound.rate / target) * 100).toFixed(0)}% of the ${target}/s target; `;
  const summary: BenchRow[] = [
    summaryRow('sustainable ingest rate, storage design', result.storage, verdict(result.storage)),
    summaryRow('same, if DynamoDB split hot partitions by sort key', result.storageSplit, ''),
    summaryRow('sustainable ingest rate as deployed', result.deployed, verdict(result.deployed)),
    summaryRow("with the region's default Lambda concurrency", result.regional, ''),
    {
      benchmark: 'new table to the target',
      value: String(result.warmUp.minutes),
      unit: 'minutes',
      detail: `${Math.ceil(result.warmUp.wcuAtTarget).toLocaleString('en')} WCU/s at ${target} articles/s: ${result.warmUp.doublings} doublings of the previous peak from ${LIMITS.newTableWcu.toLocaleString('en')} WCU/s, ${LIMITS.peakDoublingMinutes} min apart (or set warm throughput)`,
    },
    {
      benchmark: 'profile',
      value: String(profile.articles),
      unit: 'articles',
      detail: `${profile.mix}; ${(profile.totals.tableWcu + Object.values(profile.totals.indexWcu).reduce((a, b) => a + b, 0)).toFixed(1)} WCU/article`,
    },
  ];
  if (result.zipf) {
    const z = result.zipf;
    summary.push({
      benchmark: `popularity of ${z.partitionKind} partitions (Zipf)`,
      value: String(z.hotAtTarget),
      unit: `hot at ${target}/s`,
      detail: `exponent ${z.exponent.toFixed(2)} fitted to the mix, top one in ${(z.topShare * 100).toFixed(0)}% of articles, ${z.wcuPerArticle.toFixed(1)} WCU per article on each: partitions past ${LIMITS.partitionWcu} WCU/s at the target`,
    });
  }
  // One row per distinct limit text: many partitions of a kind hit the same limit at similar rates.
  const seen = new Set<string>();
  const limits = result.constraints.filter((c) => {
    const key = `${c.kind} ${c.what.replace(/#\d+(\/\d+)?/g, '')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const limitRows = limits.slice(0, 20).map((c) => ({ benchmark: c.what, value: rate(c.rate), unit: 'articles/s', detail: `${c.kind}: ${c.detail}` }));
  const hotItems = result.constraints
    .filter((c) => c.kind === 'item' && c.rate < target * 10)
    .slice(0, 10)
    .map((c) => ({ benchmark: c.what, value: rate(c.rate), unit: 'articles/s', detail: `saturates: ${c.detail}` }));
  return [
    { title: 'sustainable ingest rate on AWS (simulated)', rows: summary },
    { title: 'limits, tightest first (first of each kind)', rows: limitRows },
    { title: 'hot items: the rate at which each saturates', rows: hotItems },
  ];
}

export async function run(argv: string[]): Promise<BenchSection[]> {
  const file = optionValue(argv, '--profile');
  const profile: WriteProfile = file ? JSON.parse(await readFile(userPath(file), 'utf8')) : (await (await import('./cost')).measure(argv)).profile;
  if (profile.version !== 1) throw new Error(`unknown write profile version ${profile.version}`);
  const target = Number(optionValue(argv, '--target') ?? 1000);
  const transactionMs = Number(optionValue(argv, '--transaction-ms') ?? DEFAULT_TRANSACTION_MS);
  return scaleSections(simulate(profile, { target, transactionMs }), profile);
}
