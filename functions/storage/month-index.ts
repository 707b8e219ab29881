import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { keys, langMonthsAttribute, STATS_SHARDS } from './keys';
import { batchGet, type TableContext } from './table';

/**
 * The months that hold articles, overall and per language. Every article adds its month to its
 * own STATS shard, so the full sets are spread over all the shards; a listing would have to read
 * every shard to know which month partitions to query. STATS shard 0 therefore also holds the
 * union, marked as such (`monthIndex`), and a listing reads that one item. The sets only grow (a
 * month emptied by deletes stays; its partition is then read empty), so shard 0 is written for
 * this only by an article whose month, or month in its language, is new, not by every article.
 * On a table written before the mark, the first such article puts the union of all shards in.
 */

/** Attribute name ("months", "months_<lang>") to its months. */
export type MonthSets = Map<string, Set<string>>;

const MONTHS = 'months';
const INDEX_MARK = 'monthIndex';
const isMonthsAttribute = (name: string) => name === MONTHS || name.startsWith(langMonthsAttribute(''));

const MonthSet = z
  .instanceof(Set<string>)
  .optional()
  .catch(undefined);

/** The month sets of STATS items, merged. */
export function monthSetsOf(items: Iterable<Record<string, unknown>>): MonthSets {
  const sets: MonthSets = new Map();
  for (const item of items) {
    for (const [name, value] of Object.entries(item)) {
      if (!isMonthsAttribute(name)) continue;
      const months = MonthSet.parse(value);
      if (!months) continue;
      const set = sets.get(name) ?? new Set<string>();
      for (const month of months) set.add(month);
      sets.set(name, set);
    }
  }
  return sets;
}

/** The union kept in STATS shard 0; undefined while that shard holds no union (a table written before it). */
async function readMonthIndex(table: TableContext): Promise<MonthSets | undefined> {
  const { Item } = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: keys.stats(0) }));
  return Item?.[INDEX_MARK] === true ? monthSetsOf([Item]) : undefined;
}

async function monthsOfAllShards(table: TableContext): Promise<MonthSets> {
  return monthSetsOf(
    await batchGet(
      table,
      Array.from({ length: STATS_SHARDS }, (_, shard) => keys.stats(shard)),
    ),
  );
}

/** Months newest first, overall and per language. */
export function monthLists(sets: MonthSets): { months: string[]; langMonths: (lang: string) => string[] } {
  const sorted = (name: string) => [...(sets.get(name) ?? [])].sort().reverse();
  return { months: sorted(MONTHS), langMonths: (lang) => sorted(langMonthsAttribute(lang)) };
}

/** The months to list: shard 0's union, or on a table without one, every shard's. */
export async function listedMonths(table: TableContext): Promise<ReturnType<typeof monthLists>> {
  return monthLists((await readMonthIndex(table)) ?? (await monthsOfAllShards(table)));
}

/**
 * What an article must add to shard 0's union, read first: undefined when the union lists its
 * month in both sets already, the usual case; on a table without a union, every shard's months
 * go in with it.
 */
export async function monthIndexAdditions(table: TableContext, month: string, lang: string): Promise<MonthSets | undefined> {
  const index = await readMonthIndex(table);
  const add: MonthSets = index ? new Map() : await monthsOfAllShards(table);
  for (const name of [MONTHS, langMonthsAttribute(lang)]) {
    if (index?.get(name)?.has(month)) continue;
    add.set(name, (add.get(name) ?? new Set<string>()).add(month));
  }
  return add.size ? add : undefined;
}

interface StatsUpdate {
  Update: {
    TableName: string;
    Key: Record<string, string>;
    UpdateExpression: string;
    ExpressionAttributeNames: Record<string, string>;
    ExpressionAttributeValues: Record<string, number | boolean | Set<string>>;
  };
}

/**
 * The STATS writes of a stored article version, for its transaction: its own shard gains the
 * article (`articleDelta`: 1 new, 0 a new version) and its month; shard 0 the union's additions
 * (in the same update when the article's shard is 0, since a transaction names an item once).
 */
export function statsUpdates(tableName: string, shard: number, articleDelta: number, month: string, lang: string, additions?: MonthSets): StatsUpdate[] {
  const own: MonthSets = new Map([
    [MONTHS, new Set([month])],
    [langMonthsAttribute(lang), new Set([month])],
  ]);
  const render = (key: Record<string, string>, delta: number | undefined, sets: MonthSets, mark: boolean): StatsUpdate => {
    const entries = [...sets];
    const add = [...(delta === undefined ? [] : ['articleCount :n']), ...entries.map((_, i) => `#m${i} :m${i}`)];
    return {
      Update: {
        TableName: tableName,
        Key: key,
        UpdateExpression: `ADD ${add.join(', ')}${mark ? ' SET #mark = :mark' : ''}`,
        ExpressionAttributeNames: { ...Object.fromEntries(entries.map(([name], i) => [`#m${i}`, name])), ...(mark ? { '#mark': INDEX_MARK } : {}) },
        ExpressionAttributeValues: {
          ...(delta === undefined ? {} : { ':n': delta }),
          ...Object.fromEntries(entries.map(([, months], i) => [`:m${i}`, months])),
          ...(mark ? { ':mark': true } : {}),
        },
      },
    };
  };
  if (!additions) return [render(keys.stats(shard), articleDelta, own, false)];
  if (shard === 0) {
    for (const [name, months] of additions) own.set(name, new Set([...(own.get(name) ?? []), ...months]));
    return [render(keys.stats(0), articleDelta, own, true)];
  }
  return [render(keys.stats(shard), articleDelta, own, false), render(keys.stats(0), undefined, additions, true)];
}
