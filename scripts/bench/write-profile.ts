/**
 * The per-article write profile the cost benchmark measures and the scale simulation reads:
 * for every partition (of the table or of an index) and every item in it, how many of the
 * mix's articles wrote it and how many capacity units they spent there. Keys are replaced by
 * their kind and popularity rank, so the file holds nothing of the articles.
 */
import type { CapacityRecord } from './capacity';
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
      add(tally(partitions, partitionKey, record.target, partitionKind(record.target, record.pk), pk !== record.pk), article, record);
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
      const partitionItems = [...(items.get(key)?.values() ?? [])].sort((a, b) => b.articles.size - a.articles.size || b.wcu - a.wcu);
      return {
        id,
        target: partition.target,
        kind: partition.kind,
        articles: partition.articles.size,
        wcu: partition.wcu,
        rcu: partition.rcu,
        dated: partition.dated,
        items: partitionItems.map((item, i) => ({
          id: `${id}/${i + 1}`,
          kind: item.kind,
          articles: item.articles.size,
          wcu: item.wcu,
          rcu: item.rcu,
          writes: item.writes,
          transactionalWrites: item.transactionalWrites,
        })),
      };
    }),
  };
}
