/**
 * The per-article write profile the cost benchmark measures and the scale simulation reads:
 * for every partition (of the table or of an index) and every item in it, how many of the
 * mix's articles wrote it and how many capacity units they spent there. Keys are replaced by
 * their kind and popularity rank, so the file holds nothing of the articles.
 */
import type { CapacityRecord } from './capacity';
import { shardFamilyOf } from '../../functions/storage/keys';
import { itemKind, liveKey, partitionClass } from './item-kinds';

export interface ProfileItem {
  id: string;
  kind: string;
  /** Articles of the mix that wrote the item. */
  articles: number;
  /** Write units spent on it by all those articles together. */
  wcu: number;
  /** Read units likewise. */
  rcu: number;
  writes: number;
  /** Writes inside transactions. */
  transactionalWrites: number;
  /** Recurs in every shard of a sharded partition: figures per shard, as the partition's. */
  shards?: number;
}

export interface ProfilePartition {
  id: string;
  /** 'table' or the index name. */
  target: string;
  kind: string;
  articles: number;
  wcu: number;
  rcu: number;
  /** Keys that differed only by a date were merged into this one (see liveKey). */
  dated: boolean;
  /**
   * A hash shard of a family (STATS, a month's listing, a type's ranking): its figures are the
   * family's divided by the number of shards, the share each takes over many articles, rather
   * than what the few articles of the mix happened to hash to.
   */
  shards?: number;
  items: ProfileItem[];
}

export interface WriteProfile {
  version: 1;
  /** Articles of the mix the profile was measured on (new articles, steady state). */
  articles: number;
  mix: string;
  ingest: {
    /** Mean wall time per article in process (parse, extract, resolve, write). */
    msPerArticle: number;
    memoryMb: number;
    batchSize: number;
    maxConcurrency: number;
  };
  /** Units per article summed over the whole table and each index. */
  totals: { tableWcu: number; tableRcu: number; indexWcu: Record<string, number> };
  partitions: ProfilePartition[];
}

interface Tally {
  target: string;
  kind: string;
  articles: Set<number>;
  wcu: number;
  rcu: number;
  writes: number;
  transactionalWrites: number;
  dated: boolean;
  /** The raw partition key's shard family, if any (see shardFamilyOf). */
  family?: { key: string; shards: number };
}

interface Averaged {
  articles: number;
  wcu: number;
  rcu: number;
  writes: number;
  transactionalWrites: number;
}

/**
 * Per sharded partition: the family's totals divided by its number of shards, for the partition
 * and for each item that recurs under the same sort key in every shard (a STATS shard's one item).
 */
function spreadOverShards(partitions: Map<string, Tally>, items: Map<string, Map<string, Tally>>) {
  const families = new Map<string, string[]>();
  for (const [key, partition] of partitions) {
    if (!partition.family) continue;
    const family = `${partition.target}\u0000${partition.family.key}`;
    families.set(family, [...(families.get(family) ?? []), key]);
  }
  const out = new Map<string, { shards: number; partition: Omit<Averaged, 'writes' | 'transactionalWrites'>; items: Map<string, Averaged> }>();
  for (const members of families.values()) {
    const shards = partitions.get(members[0]!)!.family!.shards;
    const sum = (tallies: Tally[]): Averaged => {
      const articles = new Set(tallies.flatMap((t) => [...t.articles]));
      const total = (pick: (t: Tally) => number) => tallies.reduce((a, t) => a + pick(t), 0) / shards;
      return {
        articles: articles.size / shards,
        wcu: total((t) => t.wcu),
        rcu: total((t) => t.rcu),
        writes: total((t) => t.writes),
        transactionalWrites: total((t) => t.transactionalWrites),
      };
    };
    const bySk = new Map<string, Tally[]>();
    for (const key of members) for (const [sk, item] of items.get(key) ?? []) bySk.set(sk, [...(bySk.get(sk) ?? []), item]);
    const recurring = new Map([...bySk].filter(([, tallies]) => tallies.length > 1).map(([sk, tallies]) => [sk, sum(tallies)]));
    const { articles, wcu, rcu } = sum(members.map((key) => partitions.get(key)!));
    for (const key of members) out.set(key, { shards, partition: { articles, wcu, rcu }, items: recurring });
  }
  return out;
}

function tally(map: Map<string, Tally>, key: string, target: string, kind: string, dated: boolean): Tally {
  let entry = map.get(key);
  if (!entry) {
    entry = { target, kind, articles: new Set(), wcu: 0, rcu: 0, writes: 0, transactionalWrites: 0, dated };
    map.set(key, entry);
  }
  return entry;
}

function add(entry: Tally, article: number, record: CapacityRecord): void {
  entry.articles.add(article);
  if (record.access === 'write') {
    entry.wcu += record.units;
    entry.writes += 1;
    if (record.transactional) entry.transactionalWrites += 1;
  } else entry.rcu += record.units;
}

/** Kind of an index entry's partition: the index and the kind of its key (`byMonth M`). */
function partitionKind(target: string, pk: string): string {
  return target === 'table' ? partitionClass(pk) : `${target} ${partitionClass(pk)}`;
}

/** `perArticle[i]`: everything article i of the mix was charged. */
export function buildProfile(perArticle: CapacityRecord[][], ingest: WriteProfile['ingest'], mix: string): WriteProfile {
  const partitions = new Map<string, Tally>();
  const items = new Map<string, Map<string, Tally>>();
  const indexWcu: Record<string, number> = {};
  let tableWcu = 0;
  let tableRcu = 0;
  perArticle.forEach((records, article) => {
    for (const record of records) {
      if (record.target === 'table') {
        if (record.access === 'write') tableWcu += record.units;
        else tableRcu += record.units;
      } else if (record.access === 'write') indexWcu[record.target] = (indexWcu[record.target] ?? 0) + record.units;
      const pk = liveKey(record.pk);
      const partitionKey = `${record.target}\u0000${pk}`;
      const partition = tally(partitions, partitionKey, record.target, partitionKind(record.target, record.pk), pk !== record.pk);
      const family = shardFamilyOf(record.pk);
      if (family) partition.family = { key: liveKey(family.family), shards: family.shards };
      add(partition, article, record);
      // A Query page reads a partition, not one item.
      if (record.sk === undefined) continue;
      // Index entries are told apart by their table item, not by their index keys (which repeat).
      const rawSk = record.target === 'table' ? record.sk : `${record.itemPk}\u0000${record.itemSk ?? ''}`;
      const sk = liveKey(rawSk);
      const kind = record.target === 'table' ? itemKind(record.pk, record.sk) : `${record.target} entry of ${itemKind(record.itemPk ?? '', record.itemSk)}`;
      if (!items.has(partitionKey)) items.set(partitionKey, new Map());
      add(tally(items.get(partitionKey)!, sk, record.target, kind, sk !== rawSk || pk !== record.pk), article, record);
    }
  });
  const n = perArticle.length;
  const spread = spreadOverShards(partitions, items);
  const ranked = [...partitions.entries()].sort(([, a], [, b]) => b.articles.size - a.articles.size || b.wcu - a.wcu);
  const rankOf = new Map<string, number>();
  return {
    version: 1,
    articles: n,
    mix,
    ingest,
    totals: { tableWcu: tableWcu / n, tableRcu: tableRcu / n, indexWcu: Object.fromEntries(Object.entries(indexWcu).map(([index, wcu]) => [index, wcu / n])) },
    partitions: ranked.map(([key, partition]) => {
      const rank = (rankOf.get(partition.kind) ?? 0) + 1;
      rankOf.set(partition.kind, rank);
      const id = `${partition.kind}#${rank}`;
      const partitionItems = [...(items.get(key)?.entries() ?? [])].sort(([, a], [, b]) => b.articles.size - a.articles.size || b.wcu - a.wcu);
      const family = spread.get(key);
      const figures = family?.partition ?? { articles: partition.articles.size, wcu: partition.wcu, rcu: partition.rcu };
      return {
        id,
        target: partition.target,
        kind: partition.kind,
        ...figures,
        dated: partition.dated,
        ...(family ? { shards: family.shards } : {}),
        items: partitionItems.map(([sk, item], i) => {
          const averaged = family?.items.get(sk);
          return {
            id: `${id}/${i + 1}`,
            kind: item.kind,
            articles: averaged?.articles ?? item.articles.size,
            wcu: averaged?.wcu ?? item.wcu,
            rcu: averaged?.rcu ?? item.rcu,
            writes: averaged?.writes ?? item.writes,
            transactionalWrites: averaged?.transactionalWrites ?? item.transactionalWrites,
            ...(averaged && family ? { shards: family.shards } : {}),
          };
        }),
      };
    }),
  };
}
